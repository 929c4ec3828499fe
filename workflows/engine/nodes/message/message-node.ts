import type { NodeDefinition } from '../../node-definition';
import type { MessageNodeData } from './message-node-data';
import { messageNodeDataSchema } from './message-node-data';
import { messageNodeRuntime } from './message-node-runtime';
import { messageOutputs } from './message-outputs';

/** `message`: one text message. */
export const messageNode: NodeDefinition<MessageNodeData> = {
  summary: 'Sends a text message (with {{variables}}).',
  dataSchema: messageNodeDataSchema,
  ...messageNodeRuntime,
  openingRole: () => 'session_message',
  outputsWithoutWaiting: (_data, window) =>
    window === 'open' ? [messageOutputs.sent] : [messageOutputs.windowClosed],
};
