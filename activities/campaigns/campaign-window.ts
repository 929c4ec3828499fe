/**
 * When a campaign may send: its optional sending window (weekdays and hours in a time zone). Pure
 * (Intl for the time zone); the batch activity asks it before each batch.
 */
import type { SendingWindow } from '../../entities/campaign';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Epoch ms when the window next opens, or null when `now` is inside it. Whole minutes: the caller
 * checks again when it wakes, which also absorbs a daylight-saving shift on the way.
 */
export function nextWindowOpening(window: SendingWindow, now: number): number | null {
  const { weekday, minutes } = localTime(window.timeZone, now);
  const from = toMinutes(window.from);
  const to = toMinutes(window.to);
  const today = window.days.includes(weekday);
  if (today && minutes >= from && minutes < to) return null;
  const startOfMinute = now - (now % MINUTE);
  if (today && minutes < from) return startOfMinute + (from - minutes) * MINUTE;
  for (let ahead = 1; ahead <= 7; ahead++) {
    if (window.days.includes((weekday + ahead) % 7)) {
      return startOfMinute + (ahead * DAY_MINUTES - minutes + from) * MINUTE;
    }
  }
  return null;
}

/** `HH:MM` → minutes after midnight. */
export function toMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function localTime(timeZone: string, now: number): { weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return {
    weekday: WEEKDAYS.indexOf(part('weekday')),
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}
