import type { Router } from '@koa/router';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../platform/logger';
import type { AppConfig } from '../../platform/config';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { claimFlowSignature } from '../auth/claim-flow-signature';
import { authorizeFlowAccess } from '../auth/flow-credentials';
import { SIGNATURE_TIMESTAMP_HEADER, SIGNATURE_TOLERANCE_SECONDS } from '../auth/signature-timestamp';
import { runIdempotently } from '../conversations/run-idempotently';
import { receiveLead, triggerOutboundFlow, type TriggerCaller } from '../conversations/trigger-flow';
import { BadRequestError, NotFoundError } from '../errors';
import { findFlow } from '../flows/flow-rows';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import type { RequestAuth, RouteContext } from '../routing/route-definition';
import {
  leadBodySchema,
  leadParamsSchema,
  leadResponseSchema,
  outboundResponseSchema,
  outboundTriggerBodySchema,
  triggerErrorResponses,
} from '../schemas/webhook-triggers';

/** What the trigger routes need. */
export interface WebhookTriggerRouteDeps extends AuthDeps {
  dataSource: DataSource;
  config: AuthDeps['config'] & { dataEncryptionKey: Buffer; temporal: { taskQueue: string } } & Partial<
      Pick<AppConfig, 'webhooks'>
    >;
  temporalClient?: Client;
  logger: Logger;
}

const IDEMPOTENCY_DOC =
  'Send an `Idempotency-Key` header (1–255 printable ASCII characters) to make retries safe: a repeat by the same caller with the same key and the same body returns the first (2xx) response with `Idempotent-Replayed: true` and starts nothing; the same key with a different body is a 422; a repeat while the first is still running is a 409. Failed requests are not remembered. Send `X-Replace-Active: true` to end the customer’s open conversation (and stop its run) instead of getting a 409 that names it.';

const SIGNED_LEAD_DOC = `A signature of the body alone can be replayed by anyone who captured the request; send \`${SIGNATURE_TIMESTAMP_HEADER}: <Unix time in seconds>\` and sign \`<timestamp>.<raw body>\` (the header's value, a dot, the exact body) instead: such a request is accepted once, within ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes of the server's clock either way; a repeat of it, or a timestamp outside that window, is a 401 (a malformed timestamp a 400), so sign every request, retries included, with the current time. Signed requests cannot carry \`X-Replace-Active: true\` (400): the signature does not cover headers.`;

/**
 * The integration triggers: `POST /api/webhook/outbound` (Bearer API JWT or the flow's outbound
 * token) and `POST /api/webhook/flow/{flowId}/lead` (the same, or `X-Signature-256`).
 */
export function createWebhookTriggersRouter(deps: WebhookTriggerRouteDeps): Router<AppState> {
  const services = (ctx: RouteContext) => ({
    dataSource: deps.dataSource,
    temporalClient: deps.temporalClient,
    taskQueue: deps.config.temporal.taskQueue,
    logger: ctx.state.logger,
    webhookRetry: deps.config.webhooks?.retry,
  });

  const outbound = defineRoute({
    method: 'post',
    path: '/api/webhook/outbound',
    tag: 'integration',
    summary: 'Trigger Outbound Flow',
    description: `Starts the flow's run for \`phone\` (E.164, e.g. +972501234567; spaces and dashes are dropped, the country code is required), opening with a template of \`templateGroupId\`: its first template, or the one named by \`data.templateName\`. \`data.templateParams\` fill the template's header parameters, then its body parameters (their number must match: 422). For authentication templates \`data.code\` is the copy-code button's parameter (and the body's {{1}} when templateParams is omitted). Every \`data\` field becomes a flow variable; \`customerName\` is also the conversation's customer name. Errors: 404 unknown flow or template group (or another user's), 409 flow not active / no WhatsApp account / a conversation already open for this phone (the message names it) / the customer opted out of this number (\`{"error": "+972… has opted out …"}\`, nothing written: see docs/contacts.md), 422 flow graph cannot run or template parameters do not fit, 503 the run could not be started (nothing was created). ${IDEMPOTENCY_DOC} \`"replaceActive": true\` in the body does the same as the header.`,
    auth: ['bearer', 'flowToken'],
    request: { body: outboundTriggerBodySchema },
    responses: {
      200: {
        description: 'The run started',
        schema: outboundResponseSchema,
        example: {
          success: true,
          message: 'Outbound flow triggered for +972501234567',
          flowId: 'your-flow-uuid',
          conversationId: 'conversation-uuid',
        },
      },
      ...triggerErrorResponses,
    },
    handler: async (ctx, { body, auth }) => {
      const caller = await authorizeFlow(deps, ctx, auth, body.flowId);
      const replaceActive = readReplaceActive(ctx, auth) || body.replaceActive === true;
      await respondIdempotently(deps, ctx, auth, body.flowId, () =>
        triggerOutboundFlow(services(ctx), caller, body, replaceActive),
      );
    },
  });

  const lead = defineRoute({
    method: 'post',
    path: '/api/webhook/flow/{flowId}/lead',
    tag: 'integration',
    summary: 'Send Lead to Flow',
    description: `Starts the flow for the lead's \`phone\`. Every field (string, number, boolean or null; names of letters, digits and _) becomes a flow variable; \`name\` is also the conversation's customer name. The response lists the field names received, in order. Authenticate with a Bearer API JWT, the flow's outbound token, or \`X-Signature-256\`: hex HMAC-SHA256 of the exact raw body with the flow's HMAC secret (a \`sha256=\` prefix is accepted). ${SIGNED_LEAD_DOC} Errors as for the outbound trigger. ${IDEMPOTENCY_DOC}`,
    auth: ['bearer', 'flowToken', 'hmac'],
    request: { params: leadParamsSchema, body: leadBodySchema },
    responses: {
      200: {
        description: 'The run started',
        schema: leadResponseSchema,
        example: {
          success: true,
          message: 'Lead received and flow started',
          variables: ['phone', 'name', 'email', 'source', 'product'],
          conversationId: 'conversation-uuid',
        },
      },
      ...triggerErrorResponses,
    },
    handler: async (ctx, { params, body, auth }) => {
      const caller = await authorizeFlow(deps, ctx, auth, params.flowId);
      const replaceActive = readReplaceActive(ctx, auth);
      // After the header checks: a request refused for its headers does not use up its signature.
      await claimFlowSignature(deps.dataSource, params.flowId, auth);
      await respondIdempotently(deps, ctx, auth, params.flowId, () =>
        receiveLead(services(ctx), caller, params.flowId, body, replaceActive),
      );
    },
  });

  return createRouter(deps, [outbound, lead]);
}

/**
 * Loads the flow and checks the caller against its credentials: a user must own the flow (404
 * otherwise), a per-flow token or signature must be this flow's (401 otherwise). The whole row is
 * read here and handed on, so starting the run does not read it again.
 */
async function authorizeFlow(
  deps: WebhookTriggerRouteDeps,
  ctx: RouteContext,
  auth: RequestAuth,
  flowId: string,
): Promise<TriggerCaller> {
  const flow = await findFlow(deps.dataSource, flowId);
  if (!flow) throw new NotFoundError('Flow not found');
  authorizeFlowAccess(auth, flow, ctx.request.rawBody, deps.config.dataEncryptionKey);
  return { ownerId: flow.userId, flow };
}

/**
 * `X-Replace-Active`. It ends a customer's open conversation and starts another, so it must not be
 * addable to a captured signed request: the signature covers the body (and timestamp), not headers.
 */
function readReplaceActive(ctx: RouteContext, auth: RequestAuth): boolean {
  const header = ctx.get('X-Replace-Active').trim().toLowerCase();
  if (header === '' || header === 'false') return false;
  if (header !== 'true') throw new BadRequestError('X-Replace-Active must be true or false');
  if (auth.kind === 'flowCredential' && auth.signature !== undefined) {
    throw new BadRequestError(
      "X-Replace-Active is not covered by X-Signature-256, so signed requests cannot carry it; use a Bearer API JWT or the flow's outbound token to replace an open conversation",
    );
  }
  return true;
}

/** Runs `work` under the request's Idempotency-Key (scope: the user, or the flow for flow credentials). */
async function respondIdempotently(
  deps: WebhookTriggerRouteDeps,
  ctx: RouteContext,
  auth: RequestAuth,
  flowId: string,
  work: () => Promise<unknown>,
): Promise<void> {
  const key = ctx.get('Idempotency-Key');
  const result = await runIdempotently(
    deps.dataSource,
    {
      scope: auth.kind === 'user' ? `user:${auth.user.id}` : `flow:${flowId}`,
      key: key === '' ? undefined : key,
      fingerprint: `${ctx.method} ${ctx.path} replace=${ctx.get('X-Replace-Active')}\n${ctx.request.rawBody ?? ''}`,
    },
    async () => ({ status: 200, body: await work() }),
  );
  if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
  ctx.status = result.status;
  ctx.body = result.body;
}
