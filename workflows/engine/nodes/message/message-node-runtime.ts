import type { NodeRuntime } from '../../node-definition';
import { executeMessageNode } from './execute-message-node';
import type { MessageNodeData } from './message-node-data';

/** `message` at run time: its outputs and executor. */
export const messageNodeRuntime: NodeRuntime<MessageNodeData> = {
  outputs: () => [
    { name: 'sent', description: 'The message was sent.' },
    {
      name: 'window_closed',
      description: 'The 24-hour window was closed, so nothing was sent.',
      failure: true,
    },
  ],
  execute: executeMessageNode,
};
