import type { Router } from '@koa/router';
import { compileFlow, problemsBlockingRun } from '../../workflows/engine';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { UnprocessableEntityError } from '../errors';
import { findAccessibleFlow } from '../flows/flow-access';
import { FlowGraphInvalidError } from '../flows/flow-graph-invalid-error';
import { readRevision } from '../flows/read-flow-revisions';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import { flowGraphInvalidExample, flowGraphInvalidSchema, flowIdParamsSchema } from '../schemas/flows';
import { simulationRequestSchema, simulationResultSchema } from '../schemas/simulator';
import { errorResponseSchema } from '../schemas/system';
import { simulateFlow } from '../simulator/simulate-flow';

/** `POST /api/flows/{id}/simulate`: plays a script against the flow on a virtual clock. */
export function createFlowSimulatorRouter(deps: AuthDeps): Router<AppState> {
  const simulate = defineRoute({
    method: 'post',
    path: '/api/flows/{id}/simulate',
    tag: 'flows',
    summary: 'Simulate a flow',
    description:
      'Plays a script — customer messages, button and list choices, silences such as "+25h", an agent ' +
      'taking over — against the flow as saved (or a published revision) with the engine real runs use, on ' +
      'a virtual clock: a three-day flow answers in milliseconds. Returns every message the customer would ' +
      'receive, the variables, path, window and wait after each step, and how the run ended. Nothing is sent ' +
      'and nothing is stored; http_request, ai_reply and ai_router nodes get the canned `answers`.',
    auth: ['cookie', 'bearer'],
    request: { params: flowIdParamsSchema, body: simulationRequestSchema },
    responses: {
      200: { description: 'The transcript', schema: simulationResultSchema },
      400: { description: 'Malformed script', schema: errorResponseSchema },
      404: {
        description: 'No such flow (or not yours), or no such revision',
        schema: errorResponseSchema,
        example: { error: 'Flow not found' },
      },
      422: {
        description: 'The graph cannot run (every problem with its path), or the script cannot be played',
        schema: flowGraphInvalidSchema.partial({ problems: true }),
        example: flowGraphInvalidExample,
      },
    },
    handler: async (ctx, { params, body, auth }) => {
      const flow = await findAccessibleFlow(deps.dataSource, params.id, auth.user);
      const revision = body.revision ?? null;
      const graph =
        revision === null
          ? flow.drawflowData
          : (await readRevision(deps.dataSource, flow, revision)).drawflowData;
      const compiled = compileFlow(graph);
      const problems = problemsBlockingRun(compiled, body.trigger);
      if (problems.length > 0 || !compiled.graph) throw new FlowGraphInvalidError(problems);
      if (body.trigger === 'outbound' && !body.openingTemplate) {
        throw new UnprocessableEntityError('An outbound run opens with a template: give openingTemplate');
      }
      const result = simulateFlow({
        graph: compiled.graph,
        trigger: body.trigger,
        startAt: body.startAt ? Date.parse(body.startAt) : Date.now(),
        variables: body.variables,
        openingTemplate: body.openingTemplate,
        script: body.script,
        answers: body.answers,
      });
      ctx.body = { flowId: flow.id, revision, ...result };
    },
  });
  return createRouter(deps, [simulate]);
}
