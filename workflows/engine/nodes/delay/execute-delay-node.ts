import type { NodeContext, NodeResult } from '../../node-definition';
import type { DelayNodeData } from './delay-node-data';
import { delayDurationMs } from './delay-duration';

/** Waits on a durable timer. */
export function executeDelayNode(ctx: NodeContext<DelayNodeData>): NodeResult {
  return { then: { kind: 'wait', wait: { kind: 'timer', durationMs: delayDurationMs(ctx.data) } } };
}
