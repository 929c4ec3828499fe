import type { NodeContext, NodeResult } from '../node-runtime';

/**
 * The result for a node that must send a session message while the 24-hour window is closed:
 * nothing is sent, a log line says why, and the node's window/timeout port is taken (left
 * unconnected, the run fails with reason `window_closed`).
 */
export function takeWindowClosedOutput<D, P extends string>(ctx: NodeContext<D, P>, port: P): NodeResult<P> {
  return {
    actions: [
      {
        type: 'log',
        nodeId: ctx.nodeId,
        level: 'warn',
        message: 'The 24-hour customer window is closed; only a template may be sent, so nothing was sent.',
      },
    ],
    then: { next: port, reason: 'window_closed' },
  };
}
