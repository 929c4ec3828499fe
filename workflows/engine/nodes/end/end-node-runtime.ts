import type { NodeRuntime } from '../../node-definition';
import type { EndNodeData } from './end-node-data';
import { executeEndNode } from './execute-end-node';

/** `end` at run time: its outputs and executor. */
export const endNodeRuntime: NodeRuntime<EndNodeData> = {
  outputs: () => [],
  execute: executeEndNode,
};
