import type { NodeContext, NodeResult, NodeRuntime } from '../../node-runtime';
import type { BusinessHoursNodeData } from './business-hours-node';

export type BusinessHoursPort = 'open' | 'closed';

/** The days of the weekly hours, in the order the editor shows them. */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `business_hours` at run time: `open` or `closed` at the step's clock, at once (it never waits). */
export const businessHoursNodeRuntime: NodeRuntime<BusinessHoursNodeData, BusinessHoursPort> = {
  ports: () => ['open', 'closed'],
  execute: executeBusinessHoursNode,
};

function executeBusinessHoursNode(
  ctx: NodeContext<BusinessHoursNodeData, BusinessHoursPort>,
): NodeResult<BusinessHoursPort> {
  const local = localTimeAt(ctx.data.timeZone, ctx.now);
  if (local === null) {
    // The API checked the zone, but the worker's time-zone data can be older than the API's: a
    // run must not fail its workflow task over it, so it goes on as if closed and says why.
    return {
      actions: [
        {
          type: 'log',
          nodeId: ctx.nodeId,
          level: 'warn',
          message: `The time zone "${ctx.data.timeZone}" is unknown to this worker, so the business hours count as closed.`,
        },
      ],
      then: { next: 'closed' },
    };
  }
  return { then: { next: isOpenAt(ctx.data, local) ? 'open' : 'closed' } };
}

/** A wall-clock reading in one time zone. */
export interface LocalTime {
  /** `YYYY-MM-DD` in that zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
}

/**
 * What the clocks in `timeZone` (IANA) show at epoch ms `at`, daylight saving time included; null
 * when the zone is unknown. Intl's time-zone data is the same inside the workflow sandbox.
 */
export function localTimeAt(timeZone: string, at: number): LocalTime | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23: midnight is 00, never 24 as `hour12: false` writes it.
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
    });
  } catch {
    return null;
  }
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: (parts.weekday ?? '').toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** `HH:MM` (00:00–24:00) as minutes since midnight. */
export function minutesOfClockTime(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Open when the local date is no holiday and the local time falls in one of that weekday's ranges (`to` excluded). */
export function isOpenAt(data: BusinessHoursNodeData, local: LocalTime): boolean {
  if (data.holidays?.includes(local.date)) return false;
  return (data.hours[local.weekday] ?? []).some(
    (range) =>
      minutesOfClockTime(range.from) <= local.minutes && local.minutes < minutesOfClockTime(range.to),
  );
}
