import type { NodeRuntime } from '../../node-runtime';
import type { StartNodeData } from './start-node';

export type StartPort = 'next';

/** `start` at run time: moves on to the first real node. */
export const startNodeRuntime: NodeRuntime<StartNodeData, StartPort> = {
  ports: () => ['next'],
  execute: () => ({ then: { next: 'next' } }),
};
