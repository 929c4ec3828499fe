import type { NodeDefinition } from '../../node-definition';
import { executeMessageNode } from './execute-message-node';
import { messageNodeDataSchema, type MessageNodeData } from './message-node-data';

/** `message`: one text message. */
export const messageNode: NodeDefinition<MessageNodeData> = {
  summary: 'Sends a text message (with {{variables}}).',
  dataSchema: messageNodeDataSchema,
  outputs: () => [
    { name: 'sent', description: 'The message was sent.' },
    {
      name: 'window_closed',
      description: 'The 24-hour window was closed, so nothing was sent.',
      failure: true,
    },
  ],
  openingRole: () => 'session_message',
  execute: executeMessageNode,
};
