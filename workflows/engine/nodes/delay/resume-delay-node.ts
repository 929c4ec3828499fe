import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import type { DelayNodeData } from './delay-node-data';

/** The timer fired: move on. */
export function resumeDelayNode(_ctx: NodeContext<DelayNodeData>, _event: NodeEvent): NodeResult {
  return { then: { kind: 'next', output: 1 } };
}
