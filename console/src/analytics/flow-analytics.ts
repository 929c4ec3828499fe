import type { z } from 'zod';
import type { flowAnalyticsSchema } from '../../../api/schemas/analytics';

/** `GET /api/flows/{id}/analytics` (docs/analytics.md), typed from the API's own schema. */
export type FlowAnalytics = z.output<typeof flowAnalyticsSchema>;

const DAY_MS = 86_400_000;

/**
 * The query both analytics routes take for "the last `days` days" (up to `now`, which the API also
 * takes as the period's end) of one revision or all: one string, so the JSON and the funnel picture
 * count the same period.
 */
export function analyticsQuery(days: number, revision: number | null, now: Date): string {
  const query = new URLSearchParams({ from: new Date(now.getTime() - days * DAY_MS).toISOString() });
  if (revision !== null) query.set('revision', String(revision));
  return query.toString();
}

/** "next 5 · timeout 1": a node's exits by output port, for the per-node table ("—" when none). */
export function describeExits(left: Record<string, number>): string {
  const exits = Object.entries(left).map(([port, count]) => `${port} ${count}`);
  return exits.length > 0 ? exits.join(' · ') : '—';
}
