import type { Router } from '@koa/router';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { findAccessibleFlow } from '../flows/flow-access';
import { publishAndActivate } from '../flows/publish-and-activate';
import {
  readRevision,
  readRevisionDiff,
  readRevisionList,
  toRevisionDetail,
} from '../flows/read-flow-revisions';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import {
  flowRevisionDetailExample,
  flowRevisionDetailSchema,
  flowRevisionDiffExample,
  flowRevisionDiffSchema,
  flowRevisionParamsSchema,
  flowRevisionSummaryExample,
  flowRevisionSummarySchema,
  revisionDiffQuerySchema,
} from '../schemas/flow-revisions';
import {
  flowGraphInvalidExample,
  flowGraphInvalidSchema,
  flowIdParamsSchema,
  flowNotFoundResponse,
} from '../schemas/flows';
import { errorResponseSchema } from '../schemas/system';

const auth = ['cookie', 'bearer'] as const;
const revisionNotFound = {
  description: 'No such flow (or not yours), or the flow has no such revision',
  schema: errorResponseSchema,
  example: { error: 'Flow flow-uuid has no revision 7' },
};
const badNumber = {
  description: 'A revision number that is not 1, 2, …',
  schema: errorResponseSchema,
  example: { error: 'params.number: must be a revision number (1, 2, …)' },
};

/**
 * A flow's published revisions (docs/flow-revisions.md): list, one with its graph, the diff of two,
 * and rollback (publishing an old revision's graph again as a new revision). Revisions are never
 * changed or deleted through the API.
 */
export function createFlowRevisionsRouter(deps: AuthDeps): Router<AppState> {
  const list = defineRoute({
    method: 'get',
    path: '/api/flows/{id}/revisions',
    tag: 'flows',
    summary: 'List flow revisions',
    description:
      'Every graph the flow published (on activation, on an edit of an active flow, on a rollback), newest ' +
      'first, without the graph: number, author, time, node and problem counts, and which one new ' +
      'conversations run (`current`).',
    auth,
    request: { params: flowIdParamsSchema },
    responses: {
      200: {
        description: 'Revisions, newest first',
        schema: flowRevisionSummarySchema.array(),
        example: [flowRevisionSummaryExample],
      },
      404: flowNotFoundResponse,
    },
    handler: async (ctx, { params, auth }) => {
      const flow = await findAccessibleFlow(deps.dataSource, params.id, auth.user);
      ctx.body = await readRevisionList(deps.dataSource, flow);
    },
  });

  const read = defineRoute({
    method: 'get',
    path: '/api/flows/{id}/revisions/{number}',
    tag: 'flows',
    summary: 'Get a flow revision',
    description: 'One revision with its Drawflow graph and the validator’s findings when it was published.',
    auth,
    request: { params: flowRevisionParamsSchema },
    responses: {
      200: {
        description: 'The revision',
        schema: flowRevisionDetailSchema,
        example: flowRevisionDetailExample,
      },
      400: badNumber,
      404: revisionNotFound,
    },
    handler: async (ctx, { params, auth }) => {
      const flow = await findAccessibleFlow(deps.dataSource, params.id, auth.user);
      ctx.body = toRevisionDetail(await readRevision(deps.dataSource, flow, params.number), flow);
    },
  });

  const diff = defineRoute({
    method: 'get',
    path: '/api/flows/{id}/revisions/{number}/diff',
    tag: 'flows',
    summary: 'Diff two flow revisions',
    description:
      'What changed from revision `against` (default: the one before; revision 1 is compared with nothing) to ' +
      'revision `{number}`: nodes added, removed and changed by node id (each changed data field with its old ' +
      'and new value) and connections added and removed. Moving a node on the canvas is not a change.',
    auth,
    request: { params: flowRevisionParamsSchema, query: revisionDiffQuerySchema },
    responses: {
      200: { description: 'The changes', schema: flowRevisionDiffSchema, example: flowRevisionDiffExample },
      400: badNumber,
      404: revisionNotFound,
    },
    handler: async (ctx, { params, query, auth }) => {
      const flow = await findAccessibleFlow(deps.dataSource, params.id, auth.user);
      ctx.body = await readRevisionDiff(deps.dataSource, flow, params.number, query.against);
    },
  });

  const rollback = defineRoute({
    method: 'post',
    path: '/api/flows/{id}/revisions/{number}/rollback',
    tag: 'flows',
    summary: 'Roll back to a flow revision',
    description:
      'Publishes revision `{number}`’s graph again as a new revision (with `rolledBackFrom`), makes it the ' +
      'flow’s graph and activates the flow: new conversations run it, running ones keep theirs. 201 with the ' +
      'new revision; 200 with the latest one when it holds that graph already (nothing new is published). ' +
      'Refused (422) when the old graph no longer passes today’s validation (every problem listed) or no ' +
      'WhatsApp account is linked.',
    auth,
    request: { params: flowRevisionParamsSchema },
    responses: {
      201: {
        description: 'The new revision',
        schema: flowRevisionDetailSchema,
        example: { ...flowRevisionDetailExample, number: 3, rolledBackFrom: 1 },
      },
      200: {
        description: 'The latest revision holds that graph already',
        schema: flowRevisionDetailSchema,
        example: flowRevisionDetailExample,
      },
      400: badNumber,
      404: revisionNotFound,
      422: {
        description: 'The old graph is invalid today (with `problems`) or no WhatsApp account is linked',
        schema: flowGraphInvalidSchema.partial({ problems: true }),
        example: flowGraphInvalidExample,
      },
    },
    handler: async (ctx, { params, auth }) => {
      const { flow, revision, created } = await publishAndActivate(
        deps.dataSource,
        params.id,
        auth.user,
        async (tx, locked) => ({
          drawflowData: (await readRevision(tx, locked, params.number)).drawflowData,
          rolledBackFrom: params.number,
        }),
      );
      ctx.status = created ? 201 : 200;
      // Read again after the commit for the author's name.
      ctx.body = toRevisionDetail(await readRevision(deps.dataSource, flow, revision.number), flow);
    },
  });

  return createRouter(deps, [list, read, diff, rollback]);
}
