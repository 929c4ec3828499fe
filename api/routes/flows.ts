import { isDeepStrictEqual } from 'node:util';
import type { Router } from '@koa/router';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { isAdmin } from '../auth/principal';
import { ConflictError, UnprocessableEntityError } from '../errors';
import {
  assertAccountOwnedBy,
  assertValidGraph,
  createDefaultDrawflow,
  findAccessibleFlow,
  toFlowDetail,
  toFlowSummary,
} from '../flows/flow-access';
import {
  countOpenConversationsOf,
  deleteFlow,
  insertFlow,
  listFlowsOf,
  saveFlowChanges,
  type FlowChanges,
} from '../flows/flow-rows';
import { changeFlowLocked, publishFlowRevision } from '../flows/publish-flow-revision';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import type { RouteContext, UserAuth } from '../routing/route-definition';
import {
  createFlowBodySchema,
  flowDetailExample,
  flowDetailSchema,
  flowGraphInvalidExample,
  flowGraphInvalidSchema,
  flowIdParamsSchema,
  flowNotFoundResponse,
  flowSummaryExample,
  flowSummarySchema,
  listFlowsQuerySchema,
  updateFlowBodySchema,
} from '../schemas/flows';
import { errorResponseSchema } from '../schemas/system';
import type { z } from 'zod';

const auth = ['cookie', 'bearer'] as const;
const invalidGraph = {
  description: 'The graph is invalid; every problem is listed',
  schema: flowGraphInvalidSchema,
  example: flowGraphInvalidExample,
};

/**
 * Flow management: list, create, get, update (PUT and PATCH; a changed graph is validated by the
 * flow engine, bumps `version` and, on an active flow, publishes a revision) and delete. Activation, archiving, credentials and runs are in
 * flow-lifecycle.ts and flow-runs.ts.
 */
export function createFlowsRouter(deps: AuthDeps): Router<AppState> {
  const list = defineRoute({
    method: 'get',
    path: '/api/flows',
    tag: 'flows',
    summary: 'List Flows',
    description: 'Retrieve all flows belonging to the authenticated user. Admin users can filter by userId.',
    auth,
    request: { query: listFlowsQuerySchema },
    responses: {
      200: {
        description: 'Flows, most recently updated first',
        schema: flowSummarySchema.array(),
        example: [flowSummaryExample],
      },
    },
    handler: async (ctx, { query, auth }) => {
      // As published: the caller's own flows; only an admin's explicit ?userId looks at another user's.
      const userId = (isAdmin(auth.user) && query.userId) || auth.user.id;
      ctx.body = (await listFlowsOf(deps.dataSource, userId)).map(toFlowSummary);
    },
  });

  const create = defineRoute({
    method: 'post',
    path: '/api/flows',
    tag: 'flows',
    summary: 'Create a flow',
    description: 'A new draft. Without `drawflowData` the flow starts as a single start node.',
    auth,
    request: { body: createFlowBodySchema },
    responses: {
      201: { description: 'Created', schema: flowDetailSchema, example: flowDetailExample },
      404: {
        description: 'whatsappAccountId is not one of yours',
        schema: errorResponseSchema,
        example: { error: 'WhatsApp account not found' },
      },
      422: invalidGraph,
    },
    handler: async (ctx, { body, auth }) => {
      if (body.drawflowData !== undefined) assertValidGraph(body.drawflowData);
      if (body.whatsappAccountId)
        await assertAccountOwnedBy(deps.dataSource, body.whatsappAccountId, auth.user.id);
      const flow = await insertFlow(deps.dataSource, {
        userId: auth.user.id,
        name: body.name,
        description: body.description,
        drawflowData: body.drawflowData ?? createDefaultDrawflow(),
        whatsappAccountId: body.whatsappAccountId ?? null,
        status: 'draft',
      });
      ctx.status = 201;
      ctx.body = toFlowDetail(flow);
    },
  });

  const read = defineRoute({
    method: 'get',
    path: '/api/flows/{id}',
    tag: 'flows',
    summary: 'Get a flow',
    description: 'The flow with its Drawflow graph and linked WhatsApp account.',
    auth,
    request: { params: flowIdParamsSchema },
    responses: {
      200: { description: 'The flow', schema: flowDetailSchema, example: flowDetailExample },
      404: flowNotFoundResponse,
    },
    handler: async (ctx, { params, auth }) => {
      ctx.body = toFlowDetail(await findAccessibleFlow(deps.dataSource, params.id, auth.user));
    },
  });

  const updateRoute = (method: 'put' | 'patch') =>
    defineRoute({
      method,
      path: '/api/flows/{id}',
      tag: 'flows',
      summary: method === 'put' ? 'Update a flow (PUT)' : 'Update a flow',
      description:
        'Any of name, description, drawflowData, whatsappAccountId (PUT and PATCH behave alike: fields left out ' +
        'stay as they are). A changed graph is validated by the flow engine (422 listing every problem) and ' +
        'bumps `version`; running conversations keep the graph they started with. On an active flow a changed ' +
        'graph is also published at once as the flow’s next revision, which new conversations run; on a draft or ' +
        'archived flow it is published when the flow is activated.',
      auth,
      request: { params: flowIdParamsSchema, body: updateFlowBodySchema },
      responses: {
        200: { description: 'The updated flow', schema: flowDetailSchema, example: flowDetailExample },
        404: flowNotFoundResponse,
        422: invalidGraph,
      },
      handler: (ctx, input) => updateFlow(ctx, input),
    });

  const updateFlow = async (
    ctx: RouteContext,
    {
      params,
      body,
      auth,
    }: { params: { id: string }; body: z.output<typeof updateFlowBodySchema>; auth: UserAuth },
  ) => {
    const saved = await changeFlowLocked(deps.dataSource, params.id, auth.user, async (tx, flow) => {
      const changes: FlowChanges = {};
      // jsonb does not keep key order, so compare structurally.
      if (body.drawflowData !== undefined && !isDeepStrictEqual(body.drawflowData, flow.drawflowData)) {
        assertValidGraph(body.drawflowData);
        changes.drawflowData = body.drawflowData;
        changes.version = flow.version + 1;
        // New conversations of an active flow run a published revision, so its edits publish at once.
        if (flow.status === 'active') {
          const { revision } = await publishFlowRevision(tx, flow, {
            drawflowData: body.drawflowData,
            authorUserId: auth.user.id,
          });
          changes.publishedRevision = revision.number;
        }
      }
      if (body.whatsappAccountId !== undefined) {
        if (body.whatsappAccountId === null && flow.status === 'active') {
          throw new UnprocessableEntityError('An active flow needs a WhatsApp account; archive it first');
        }
        if (body.whatsappAccountId) await assertAccountOwnedBy(tx, body.whatsappAccountId, flow.userId);
        changes.whatsappAccountId = body.whatsappAccountId;
      }
      changes.name = body.name;
      changes.description = body.description;
      return await saveFlowChanges(tx, flow, changes);
    });
    ctx.body = toFlowDetail(saved);
  };

  const remove = defineRoute({
    method: 'delete',
    path: '/api/flows/{id}',
    tag: 'flows',
    summary: 'Delete a flow',
    description:
      'Deletes the flow for good. Refused (409) while it has open conversations: stop them or archive the flow ' +
      'instead. Ended conversations are kept (their flowId becomes null).',
    auth,
    request: { params: flowIdParamsSchema },
    responses: {
      204: { description: 'Deleted' },
      404: flowNotFoundResponse,
      409: {
        description: 'The flow has open conversations',
        schema: errorResponseSchema,
        example: { error: 'The flow has 2 open conversations; stop them or archive the flow instead' },
      },
    },
    handler: async (ctx, { params, auth }) => {
      const flow = await findAccessibleFlow(deps.dataSource, params.id, auth.user);
      const open = await countOpenConversationsOf(deps.dataSource, flow.id);
      if (open > 0) {
        throw new ConflictError(
          `The flow has ${open} open conversations; stop them or archive the flow instead`,
        );
      }
      await deleteFlow(deps.dataSource, flow.id);
      ctx.status = 204;
    },
  });

  return createRouter(deps, [list, create, read, updateRoute('put'), updateRoute('patch'), remove]);
}
