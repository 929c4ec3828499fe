import type { Router } from '@koa/router';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { AppConfig } from '../../platform/config';
import { conversationSearchAttributes } from '../../workflows/definitions';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { NotFoundError, ServiceUnavailableError } from '../errors';
import { describeHistoryEvent } from '../flows/describe-history-event';
import { findAccessibleFlow } from '../flows/flow-access';
import { temporalWebUiRunUrl } from '../flows/temporal-web-ui-run-url';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import {
  flowIdParamsSchema,
  flowRunExample,
  flowRunSchema,
  listRunsQuerySchema,
  runHistoryParamsSchema,
  runHistorySchema,
} from '../schemas/flows';
import { errorResponseSchema } from '../schemas/system';

/** What the run routes need: a Temporal client (503 without one), and the namespace and Web UI to link runs to. */
export interface FlowRunsRouteDeps extends AuthDeps {
  temporalClient?: Client;
  config: AuthDeps['config'] & { temporal: Pick<AppConfig['temporal'], 'namespace' | 'webUiUrl'> };
}

const auth = ['cookie', 'bearer'] as const;
const notFound = {
  description: 'No such flow or run (or not yours)',
  schema: errorResponseSchema,
  example: { error: 'Run not found' },
};
const unavailable = {
  description: 'Temporal is not configured',
  schema: errorResponseSchema,
  example: { error: 'Run history is unavailable: Temporal is not configured' },
};

/**
 * The audit trail of a flow, read from Temporal: `GET /api/flows/{id}/runs` (runs found by the
 * `FlowId` search attribute) and `GET /api/flows/{id}/runs/{workflowId}/{runId}/history`.
 */
export function createFlowRunsRouter(deps: FlowRunsRouteDeps): Router<AppState> {
  const client = () => {
    if (!deps.temporalClient)
      throw new ServiceUnavailableError('Run history is unavailable: Temporal is not configured');
    return deps.temporalClient;
  };

  const listRuns = defineRoute({
    method: 'get',
    path: '/api/flows/{id}/runs',
    tag: 'flows',
    summary: "List a flow's runs",
    description:
      'Workflow runs of this flow (one per conversation, plus continued-as-new runs), newest first.',
    auth,
    request: { params: flowIdParamsSchema, query: listRunsQuerySchema },
    responses: {
      200: { description: 'Runs', schema: flowRunSchema.array(), example: [flowRunExample] },
      404: notFound,
      503: unavailable,
    },
    handler: async (ctx, { params, query, auth }) => {
      const temporal = client();
      const flow = await findAccessibleFlow(deps.dataSource, params.id, auth.user);
      const runs = [];
      // flow.id is a UUID read from our database, so it is safe inside the visibility query.
      for await (const info of temporal.workflow.list({
        query: `FlowId = "${flow.id}"`,
        pageSize: query.limit,
      })) {
        runs.push({
          workflowId: info.workflowId,
          runId: info.runId,
          type: info.type,
          status: info.status.name,
          startTime: info.startTime.toISOString(),
          closeTime: info.closeTime?.toISOString() ?? null,
          historyLength: info.historyLength,
        });
        if (runs.length >= query.limit) break;
      }
      ctx.body = runs.sort((a, b) => b.startTime.localeCompare(a.startTime));
    },
  });

  const history = defineRoute({
    method: 'get',
    path: '/api/flows/{id}/runs/{workflowId}/{runId}/history',
    tag: 'flows',
    summary: "Read a run's history",
    description:
      'Every event of one run (started, activities scheduled and completed, signals such as customer messages, ' +
      'timers, completion) as readable JSON with payloads decoded, each with the summary the Temporal Web UI ' +
      'shows for it: the audit trail of a conversation. `webUiUrl` links the run in the Temporal Web UI when one is configured.',
    auth,
    request: { params: runHistoryParamsSchema },
    responses: {
      200: {
        description: 'The events, oldest first',
        schema: runHistorySchema,
        example: {
          workflowId: flowRunExample.workflowId,
          runId: flowRunExample.runId,
          webUiUrl: temporalWebUiRunUrl(
            'http://localhost:8233',
            'default',
            flowRunExample.workflowId,
            flowRunExample.runId,
          ),
          events: [
            {
              eventId: 1,
              eventTime: '2025-01-20T10:00:00.000Z',
              eventType: 'WorkflowExecutionStarted',
              summary: 'Flow "Customer Support" for lead (conversation 2d7c…)',
              details: {},
            },
          ],
        },
      },
      404: notFound,
      503: unavailable,
    },
    handler: async (ctx, { params, auth }) => {
      const temporal = client();
      const flow = await findAccessibleFlow(deps.dataSource, params.id, auth.user);
      const handle = temporal.workflow.getHandle(params.workflowId, params.runId);
      try {
        const description = await handle.describe();
        if (description.typedSearchAttributes.get(conversationSearchAttributes.flowId) !== flow.id) {
          throw new NotFoundError('Run not found');
        }
        const { events } = await handle.fetchHistory();
        ctx.body = {
          workflowId: params.workflowId,
          runId: params.runId,
          webUiUrl: temporalWebUiRunUrl(
            deps.config.temporal.webUiUrl,
            deps.config.temporal.namespace,
            params.workflowId,
            params.runId,
          ),
          events: (events ?? []).map(describeHistoryEvent),
        };
      } catch (error) {
        if (error instanceof NotFoundError) throw error;
        if (error instanceof WorkflowNotFoundError || isInvalidArgument(error)) {
          throw new NotFoundError('Run not found', { cause: error });
        }
        throw error;
      }
    },
  });

  return createRouter(deps, [listRuns, history]);
}

// A malformed run id is INVALID_ARGUMENT (gRPC code 3) from Temporal: for the caller, no such run.
function isInvalidArgument(error: unknown): boolean {
  const code =
    (error as { code?: number; cause?: { code?: number } }).code ??
    (error as { cause?: { code?: number } }).cause?.code;
  return code === 3;
}
