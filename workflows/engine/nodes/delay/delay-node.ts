import { z } from 'zod';
import { type DataProblem, type NodeDefinition, passThroughBehaviour } from '../../node-definition';
import { delayDurationMs, type DelayPort, MAX_DELAY_MS } from './delay-node-runtime';

export const delayNodeDataSchema = z.object({
  amount: z.number().positive('The delay must be more than 0.').describe('How long to wait, in `unit`s.'),
  unit: z.enum(['seconds', 'minutes', 'hours', 'days']),
});
export type DelayNodeData = z.infer<typeof delayNodeDataSchema>;

/** `delay`: a durable pause (survives restarts). */
export const delayNode: NodeDefinition<DelayNodeData, DelayPort> = {
  title: 'Delay',
  summary: 'Pauses the conversation for a while (a durable timer).',
  dataSchema: delayNodeDataSchema,
  ...passThroughBehaviour({ next: 'the delay is over' }),
  preview: (data) => `${data.amount} ${data.unit}`,
  portsWithoutWaiting: () => [],
  validate: (data): DataProblem[] =>
    delayDurationMs(data) > MAX_DELAY_MS
      ? [{ path: ['amount'], message: 'A delay can be at most 365 days.' }]
      : [],
};
