import type { NodeDefinition } from '../../node-definition';
import { endNodeDataSchema, type EndNodeData } from './end-node-data';
import { endNodeRuntime } from './end-node-runtime';

/** `end`: finishes the run. An unconnected output anywhere also ends it. */
export const endNode: NodeDefinition<EndNodeData> = {
  summary: 'Ends the conversation run (completed, or failed with a reason).',
  dataSchema: endNodeDataSchema,
  ...endNodeRuntime,
  openingRole: () => 'passes',
};
