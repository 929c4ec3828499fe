import type { NodeContext, NodeResult } from '../../node-definition';
import type { StartNodeData } from './start-node-data';

/** Moves on to the first real node. */
export function executeStartNode(_ctx: NodeContext<StartNodeData>): NodeResult {
  return { then: { kind: 'next', output: 1 } };
}
