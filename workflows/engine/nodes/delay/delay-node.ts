import type { DataProblem, NodeDefinition } from '../../node-definition';
import { delayDurationMs, delayNodeDataSchema, MAX_DELAY_MS, type DelayNodeData } from './delay-node-data';
import { executeDelayNode } from './execute-delay-node';
import { resumeDelayNode } from './resume-delay-node';

/** `delay`: a durable pause (survives restarts). */
export const delayNode: NodeDefinition<DelayNodeData> = {
  summary: 'Pauses the conversation for a while (a durable timer).',
  dataSchema: delayNodeDataSchema,
  outputs: () => [{ name: 'next', description: 'The delay is over.' }],
  openingRole: () => 'passes',
  execute: executeDelayNode,
  resume: resumeDelayNode,
  validate: (data): DataProblem[] =>
    delayDurationMs(data) > MAX_DELAY_MS
      ? [{ path: ['amount'], message: 'A delay can be at most 365 days.' }]
      : [],
};
