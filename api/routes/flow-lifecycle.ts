import type { Router } from '@koa/router';
import { encryptSecret, hashToken } from '../../platform/secrets';
import type { AppState } from '../app-state';
import { generateFlowCredentials } from '../auth/api-credentials';
import type { AuthDeps } from '../auth/authenticate-request';
import { findAccessibleFlow, toFlowDetail } from '../flows/flow-access';
import { publishAndActivate } from '../flows/publish-and-activate';
import { saveFlowChanges, setFlowCredentials } from '../flows/flow-rows';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import {
  flowDetailExample,
  flowDetailSchema,
  flowGraphInvalidExample,
  flowGraphInvalidSchema,
  flowIdParamsSchema,
  flowNotFoundResponse,
  rotatedFlowCredentialsSchema,
} from '../schemas/flows';

/** What the lifecycle routes need: the key that encrypts HMAC secrets at rest. */
export interface FlowLifecycleRouteDeps extends AuthDeps {
  config: AuthDeps['config'] & { dataEncryptionKey: Buffer };
}

const auth = ['cookie', 'bearer'] as const;

/**
 * `POST /api/flows/{id}/activate`, `/archive` and `/credentials/rotate` (the flow's outbound token
 * and HMAC secret, shown once; the token is stored hashed, the secret encrypted).
 */
export function createFlowLifecycleRouter(deps: FlowLifecycleRouteDeps): Router<AppState> {
  const activate = defineRoute({
    method: 'post',
    path: '/api/flows/{id}/activate',
    tag: 'flows',
    summary: 'Activate a flow',
    description:
      'Only active flows can be triggered. Publishes the graph as the flow’s next revision (see ' +
      '`GET /api/flows/{id}/revisions`) unless the latest revision holds the same graph already, so ' +
      're-activating an unchanged flow makes no duplicate. Refused (422) when the graph has problems ' +
      '(all listed) or no WhatsApp account is linked.',
    auth,
    request: { params: flowIdParamsSchema },
    responses: {
      200: { description: 'The active flow', schema: flowDetailSchema, example: flowDetailExample },
      404: flowNotFoundResponse,
      422: {
        description: 'Invalid graph (with `problems`) or no WhatsApp account',
        schema: flowGraphInvalidSchema.partial({ problems: true }),
        example: flowGraphInvalidExample,
      },
    },
    handler: async (ctx, { params, auth }) => {
      const { flow } = await publishAndActivate(deps.dataSource, params.id, auth.user, (_tx, flow) => ({
        drawflowData: flow.drawflowData,
      }));
      ctx.body = toFlowDetail(flow);
    },
  });

  const archive = defineRoute({
    method: 'post',
    path: '/api/flows/{id}/archive',
    tag: 'flows',
    summary: 'Archive a flow',
    description:
      'Archived flows cannot be triggered; conversations already running continue. Activate to bring it back.',
    auth,
    request: { params: flowIdParamsSchema },
    responses: {
      200: { description: 'The archived flow', schema: flowDetailSchema, example: flowDetailExample },
      404: flowNotFoundResponse,
    },
    handler: async (ctx, { params, auth }) => {
      const flow = await findAccessibleFlow(deps.dataSource, params.id, auth.user);
      ctx.body = toFlowDetail(await saveFlowChanges(deps.dataSource, flow, { status: 'archived' }));
    },
  });

  const rotate = defineRoute({
    method: 'post',
    path: '/api/flows/{id}/credentials/rotate',
    tag: 'flows',
    summary: 'Rotate the flow credentials',
    description:
      'New legacy per-flow credentials: `outboundToken` (use as `Authorization: Bearer <token>` on this ' +
      "flow's webhook routes only) and `hmacSecret` (key of `X-Signature-256`). Shown only in this " +
      'response; the previous ones stop working at once.',
    auth,
    request: { params: flowIdParamsSchema },
    responses: {
      200: {
        description: 'The new credentials',
        schema: rotatedFlowCredentialsSchema,
        example: {
          flowId: 'flow-uuid',
          outboundToken: 'flt_xxxxxxxxxxxxxxxx',
          hmacSecret: 'xxxxxxxxxxxxxxxx',
          rotatedAt: '2025-01-20T14:30:00.000Z',
        },
      },
      404: flowNotFoundResponse,
    },
    handler: async (ctx, { params, auth }) => {
      const flow = await findAccessibleFlow(deps.dataSource, params.id, auth.user);
      const { outboundToken, hmacSecret } = generateFlowCredentials();
      await setFlowCredentials(deps.dataSource, flow.id, {
        outboundTokenHash: hashToken(outboundToken),
        hmacSecretEncrypted: encryptSecret(hmacSecret, deps.config.dataEncryptionKey),
      });
      ctx.state.logger.info({ flowId: flow.id }, 'flow credentials rotated');
      ctx.body = { flowId: flow.id, outboundToken, hmacSecret, rotatedAt: new Date().toISOString() };
    },
  });

  return createRouter(deps, [activate, archive, rotate]);
}
