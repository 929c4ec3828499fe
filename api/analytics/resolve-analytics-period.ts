import { BadRequestError } from '../errors';
import { DEFAULT_ANALYTICS_DAYS } from '../schemas/analytics';
import type { AnalyticsQuery } from './read-flow-analytics';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The period asked for, with its defaults; 400 when it is empty or reversed. */
export function resolveAnalyticsPeriod(
  query: { from?: Date; to?: Date; revision?: number },
  now: Date,
): AnalyticsQuery {
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - DEFAULT_ANALYTICS_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new BadRequestError('query.from: must be before to');
  return { from, to, revision: query.revision ?? null };
}
