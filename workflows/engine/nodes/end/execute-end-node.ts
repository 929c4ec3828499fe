import type { NodeContext, NodeResult } from '../../node-definition';
import type { EndNodeData } from './end-node-data';

/** Ends the run with the node's outcome. */
export function executeEndNode(ctx: NodeContext<EndNodeData>): NodeResult {
  const status = ctx.data.outcome ?? 'completed';
  return {
    then: { kind: 'end', status, reason: status === 'failed' ? (ctx.data.reason ?? 'ended') : undefined },
  };
}
