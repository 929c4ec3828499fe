import { z } from 'zod';
import type { DataProblem, NodeDefinition } from '../../node-definition';
import {
  type BusinessHoursPort,
  localTimeAt,
  minutesOfClockTime,
  WEEKDAYS,
} from './business-hours-node-runtime';

const clockTimeSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A time is written "HH:MM", from 00:00 to 24:00.');

const dayHoursSchema = z
  .array(
    z.object({
      from: clockTimeSchema.describe('Opens at, local time "HH:MM".'),
      to: clockTimeSchema.describe(
        'Closes at, after `from`, local time "HH:MM"; 24:00 is the end of the day.',
      ),
    }),
  )
  .max(10, 'A day can have at most 10 opening ranges.')
  .optional()
  .describe('Opening ranges of the day; closed all day when left out or empty.');

export const businessHoursNodeDataSchema = z.object({
  timeZone: z
    .string()
    .min(1, 'Name the time zone.')
    .describe('IANA time zone the hours are in, e.g. Europe/Berlin; daylight saving time is applied.'),
  hours: z
    .object({
      monday: dayHoursSchema,
      tuesday: dayHoursSchema,
      wednesday: dayHoursSchema,
      thursday: dayHoursSchema,
      friday: dayHoursSchema,
      saturday: dayHoursSchema,
      sunday: dayHoursSchema,
    })
    .describe(
      'Weekly opening hours per weekday. A night shift is two ranges: 22:00–24:00 and 00:00–06:00 the next day.',
    ),
  holidays: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A holiday is a date written YYYY-MM-DD.'))
    .max(366, 'At most 366 holidays.')
    .optional()
    .describe('Dates (YYYY-MM-DD, in the time zone) closed all day, whatever the weekly hours say.'),
});
export type BusinessHoursNodeData = z.infer<typeof businessHoursNodeDataSchema>;

/** `business_hours`: `open` or `closed` by the time zone's clock, weekly hours and holidays. */
export const businessHoursNode: NodeDefinition<BusinessHoursNodeData, BusinessHoursPort> = {
  title: 'Business hours',
  summary:
    'Checks the clock in a time zone against weekly opening hours and holidays, and goes on at once by the result.',
  dataSchema: businessHoursNodeDataSchema,
  ports: {
    open: 'now is within the opening hours of the day, and the day is no holiday',
    closed: 'outside the opening hours, or a holiday',
  },
  preview: (data) => {
    const days = WEEKDAYS.filter((day) => (data.hours[day] ?? []).length > 0).length;
    return `${data.timeZone}, open ${days} day${days === 1 ? '' : 's'} a week`;
  },
  openingRole: () => 'passes',
  validate: validateBusinessHoursData,
};

function validateBusinessHoursData(data: BusinessHoursNodeData): DataProblem[] {
  const problems: DataProblem[] = [];
  // Offsets such as +01:00 would pass Intl but never follow daylight saving time: zones only.
  if (!/^[A-Za-z]/.test(data.timeZone) || localTimeAt(data.timeZone, 0) === null) {
    problems.push({
      path: ['timeZone'],
      message: `"${data.timeZone}" is not an IANA time zone (like Europe/Berlin or America/New_York).`,
    });
  }
  for (const day of WEEKDAYS) {
    (data.hours[day] ?? []).forEach((range, index) => {
      if (minutesOfClockTime(range.to) <= minutesOfClockTime(range.from)) {
        problems.push({
          path: ['hours', day, index, 'to'],
          message: `The range closes at ${range.to}, not after it opens at ${range.from}; split a range past midnight into two days.`,
        });
      }
    });
  }
  (data.holidays ?? []).forEach((date, index) => {
    if (!isCalendarDate(date)) {
      problems.push({ path: ['holidays', index], message: `${date} is not a date of the calendar.` });
    }
  });
  return problems;
}

/** Whether `YYYY-MM-DD` names a real day (not 2026-02-30). */
function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return (
    parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day
  );
}
