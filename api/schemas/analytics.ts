/** Query and answer of the flow analytics routes (`/api/flows/{id}/analytics…`). */
import { z } from 'zod';

/** How far back the period reaches when `from` is not given. */
export const DEFAULT_ANALYTICS_DAYS = 30;

const instant = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name} must be an ISO 8601 date-time` })
    .transform((value) => new Date(value))
    .optional();

/**
 * `?from=…&to=…&revision=…`: the period is [from, to); `to` defaults to now, `from` to
 * {@link DEFAULT_ANALYTICS_DAYS} days before `to` (see api/analytics/resolve-analytics-period.ts).
 */
export const flowAnalyticsQuerySchema = z.object({
  from: instant('from'),
  to: instant('to'),
  revision: z.coerce
    .number({ error: 'revision must be a revision number' })
    .int({ error: 'revision must be a revision number' })
    .min(1, { error: 'revision must be a revision number' })
    .optional(),
});

const count = z.number().int().min(0);

/** One node's funnel counts (docs/analytics.md defines each). */
export const nodeAnalyticsSchema = z.object({
  nodeId: z.string(),
  type: z.string(),
  entered: count,
  left: z.record(z.string(), count).describe('Exits by output port name'),
  timedOut: count,
  dropped: count,
  medianMsSpent: z.number().nullable(),
});

/** `GET /api/flows/{id}/analytics`. */
export const flowAnalyticsSchema = z.object({
  period: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }),
  revision: z.number().int().nullable(),
  conversations: z.object({
    started: count,
    completed: count,
    failed: count,
    handedOver: count,
    stopped: count.describe(
      'Ended as stopped: by a stop, or by the API (replaced, opted out, contact deleted)',
    ),
  }),
  nodes: nodeAnalyticsSchema.array(),
});

export const flowAnalyticsExample: z.infer<typeof flowAnalyticsSchema> = {
  period: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
  revision: null,
  conversations: { started: 5, completed: 3, failed: 1, handedOver: 0, stopped: 1 },
  nodes: [
    { nodeId: '1', type: 'start', entered: 5, left: { next: 5 }, timedOut: 0, dropped: 0, medianMsSpent: 0 },
    {
      nodeId: '2',
      type: 'question',
      entered: 5,
      left: { answered: 3, timeout: 1 },
      timedOut: 1,
      dropped: 1,
      medianMsSpent: 42000,
    },
  ],
};
