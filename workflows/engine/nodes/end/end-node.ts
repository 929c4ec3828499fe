import type { NodeDefinition } from '../../node-definition';
import { endNodeDataSchema, type EndNodeData } from './end-node-data';
import { executeEndNode } from './execute-end-node';

/** `end`: finishes the run. An unconnected output anywhere also ends it. */
export const endNode: NodeDefinition<EndNodeData> = {
  summary: 'Ends the conversation run (completed, or failed with a reason).',
  dataSchema: endNodeDataSchema,
  outputs: () => [],
  openingRole: () => 'passes',
  execute: executeEndNode,
};
