import type { NodeRuntime } from '../../node-runtime';
import type { EndNodeData } from './end-node';

/** `end` at run time: no ports; ends the run with the node's outcome. */
export const endNodeRuntime: NodeRuntime<EndNodeData, never> = {
  ports: () => [],
  execute: (ctx) => {
    const status = ctx.data.outcome ?? 'completed';
    return { then: { end: status, reason: status === 'failed' ? (ctx.data.reason ?? 'ended') : undefined } };
  },
};
