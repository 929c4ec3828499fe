import type { NodeDefinition } from '../../node-definition';
import type { HandoffNodeData } from './handoff-node-data';
import { handoffNodeDataSchema } from './handoff-node-data';
import { handoffNodeRuntime } from './handoff-node-runtime';

/** `handoff`: a human takes over until they release the conversation or the timeout passes. */
export const handoffNode: NodeDefinition<HandoffNodeData> = {
  summary: 'Hands the conversation to a human agent; continues when the agent releases it or on timeout.',
  dataSchema: handoffNodeDataSchema,
  ...handoffNodeRuntime,
  openingRole: (data) => (data.message ? 'session_message' : 'passes'),
  outputsWithoutWaiting: () => [],
};
