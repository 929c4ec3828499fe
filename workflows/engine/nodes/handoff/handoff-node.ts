import type { NodeDefinition } from '../../node-definition';
import { executeHandoffNode } from './execute-handoff-node';
import { handoffNodeDataSchema, type HandoffNodeData } from './handoff-node-data';
import { resumeHandoffNode } from './resume-handoff-node';

/** `handoff`: a human takes over until they release the conversation or the timeout passes. */
export const handoffNode: NodeDefinition<HandoffNodeData> = {
  summary: 'Hands the conversation to a human agent; continues when the agent releases it or on timeout.',
  dataSchema: handoffNodeDataSchema,
  outputs: () => [
    { name: 'released', description: 'The agent handed the conversation back to the flow.' },
    { name: 'timeout', description: 'No release before the timeout.' },
  ],
  openingRole: (data) => (data.message ? 'session_message' : 'passes'),
  execute: executeHandoffNode,
  resume: resumeHandoffNode,
};
