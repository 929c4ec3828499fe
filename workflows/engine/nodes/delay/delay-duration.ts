import type { DelayNodeData } from './delay-node-data';

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
