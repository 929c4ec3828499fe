import type { Router } from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { readFlowAnalytics } from '../analytics/read-flow-analytics';
import { renderFunnelSvg } from '../analytics/render-funnel-svg';
import { resolveAnalyticsPeriod } from '../analytics/resolve-analytics-period';
import { findAccessibleFlow } from '../flows/flow-access';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import type { RouteContext } from '../routing/route-definition';
import { flowAnalyticsExample, flowAnalyticsQuerySchema, flowAnalyticsSchema } from '../schemas/analytics';
import { flowIdParamsSchema } from '../schemas/flows';
import { errorResponseSchema } from '../schemas/system';

const auth = ['cookie', 'bearer'] as const;
const notFound = {
  description: 'No such flow (or not yours)',
  schema: errorResponseSchema,
  example: { error: 'Flow not found' },
};
const request = { params: flowIdParamsSchema, query: flowAnalyticsQuerySchema };
const DEFINITIONS =
  'The period is [from, to) (ISO 8601; default: the 30 days up to now); `revision` keeps the ' +
  'conversations that ran that revision. Counted from the node transitions recorded as runs go: see ' +
  'docs/analytics.md for what each number means (`dropped`: entered in the period and not left by ' +
  'its end, because the conversation ended there or was still there; never an end node).';

/** `GET /api/flows/{id}/analytics` (JSON) and `GET /api/flows/{id}/analytics.svg` (the funnel). */
export function createFlowAnalyticsRouter(deps: AuthDeps): Router<AppState> {
  const analyticsOf = async (
    params: z.infer<typeof flowIdParamsSchema>,
    query: z.infer<typeof flowAnalyticsQuerySchema>,
    user: Parameters<typeof findAccessibleFlow>[2],
  ) => {
    const period = resolveAnalyticsPeriod(query, new Date());
    const flow = await findAccessibleFlow(deps.dataSource, params.id, user);
    return await readFlowAnalytics(deps.dataSource, flow, period);
  };

  const json = defineRoute({
    method: 'get',
    path: '/api/flows/{id}/analytics',
    tag: 'flows',
    summary: "Read a flow's analytics",
    description:
      'Conversations started, completed, failed and handed over, and per node (in flow order): ' +
      'entered, left by each output port, timed out, dropped, and the median ms spent before leaving. ' +
      DEFINITIONS,
    auth,
    request,
    responses: {
      200: { description: 'The counts', schema: flowAnalyticsSchema, example: flowAnalyticsExample },
      404: notFound,
    },
    handler: async (ctx, { params, query, auth }) => {
      ctx.body = await analyticsOf(params, query, auth.user);
    },
  });

  const svg = defineRoute({
    method: 'get',
    path: '/api/flows/{id}/analytics.svg',
    tag: 'flows',
    summary: "Draw a flow's funnel",
    description:
      'The same counts as `GET /api/flows/{id}/analytics`, drawn: one bar per node in flow order, ' +
      'green for the entries that left, red for those dropped. ' +
      DEFINITIONS,
    auth,
    request,
    responses: {
      200: { description: 'SVG image', schema: z.string(), contentType: 'image/svg+xml' },
      404: notFound,
    },
    handler: async (ctx: RouteContext, { params, query, auth }) => {
      const analytics = await analyticsOf(params, query, auth.user);
      ctx.type = 'image/svg+xml; charset=utf-8';
      ctx.body = renderFunnelSvg(analytics);
    },
  });

  return createRouter(deps, [json, svg]);
}
