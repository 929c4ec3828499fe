import type { DataProblem, NodeDefinition } from '../../node-definition';
import type { DelayNodeData } from './delay-node-data';
import { delayNodeDataSchema } from './delay-node-data';
import { delayDurationMs, MAX_DELAY_MS } from './delay-duration';
import { delayNodeRuntime } from './delay-node-runtime';

/** `delay`: a durable pause (survives restarts). */
export const delayNode: NodeDefinition<DelayNodeData> = {
  summary: 'Pauses the conversation for a while (a durable timer).',
  dataSchema: delayNodeDataSchema,
  ...delayNodeRuntime,
  openingRole: () => 'passes',
  outputsWithoutWaiting: () => [],
  validate: (data): DataProblem[] =>
    delayDurationMs(data) > MAX_DELAY_MS
      ? [{ path: ['amount'], message: 'A delay can be at most 365 days.' }]
      : [],
};
