import type { NodeRuntime } from '../../node-runtime';
import type { DelayNodeData } from './delay-node';

export type DelayPort = 'next';

const UNIT_MS: Record<DelayNodeData['unit'], number> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** The delay in milliseconds. */
export function delayDurationMs(data: DelayNodeData): number {
  return Math.round(data.amount * UNIT_MS[data.unit]);
}

/** Longest delay accepted: Temporal timers can wait longer, but a year means a typo. */
export const MAX_DELAY_MS = 365 * UNIT_MS.days;

/** `delay` at run time: waits on a durable timer, then moves on. */
export const delayNodeRuntime: NodeRuntime<DelayNodeData, DelayPort> = {
  ports: () => ['next'],
  execute: (ctx) => ({ then: { wait: { kind: 'timer', durationMs: delayDurationMs(ctx.data) } } }),
  resume: () => ({ then: { next: 'next' } }),
};
