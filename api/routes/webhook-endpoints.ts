import type { Router } from '@koa/router';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { dispatchWebhookDeliveries } from '../../activities/webhooks/dispatch-webhook-deliveries';
import type { WebhookDelivery } from '../../entities/webhook-delivery';
import type { WebhookEndpoint } from '../../entities/webhook-endpoint';
import type { AppConfig } from '../../platform/config';
import { DEFAULT_WEBHOOK_RETRY_SCHEDULE } from '../../workflows/webhook-delivery-definitions';
import { encryptSecret, generateToken } from '../../platform/secrets';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { ConflictError, NotFoundError, ServiceUnavailableError } from '../errors';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import { errorResponseSchema } from '../schemas/system';
import {
  createWebhookEndpointBodySchema,
  listWebhookDeliveriesQuerySchema,
  updateWebhookEndpointBodySchema,
  webhookDeliveryExample,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookEndpointExample,
  webhookEndpointSchema,
  webhookEndpointWithSecretExample,
  webhookEndpointWithSecretSchema,
  webhookIdParamsSchema,
} from '../schemas/webhook-endpoints';
import { checkWebhookUrl, type ResolveHost } from '../webhook-endpoints/check-webhook-url';
import {
  findOwnWebhookDelivery,
  listWebhookDeliveries,
  requeueWebhookDelivery,
} from '../webhook-endpoints/webhook-delivery-rows';
import {
  deleteWebhookEndpoint,
  findOwnWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  replaceWebhookSecret,
  saveWebhookEndpointChanges,
} from '../webhook-endpoints/webhook-endpoint-rows';

/** What the event webhook routes need. */
export interface WebhookEndpointRouteDeps extends AuthDeps {
  dataSource: DataSource;
  config: AuthDeps['config'] &
    Pick<AppConfig, 'dataEncryptionKey' | 'httpNode' | 'temporal'> &
    Partial<Pick<AppConfig, 'webhooks'>>;
  temporalClient?: Client;
  /** Test seam: how endpoint host names resolve for the address check. */
  resolveWebhookHost?: ResolveHost;
}

const auth = ['cookie', 'bearer'] as const;
const tag = 'event-webhooks';
const endpointNotFound = {
  description: 'No such endpoint (or not yours)',
  schema: errorResponseSchema,
  example: { error: 'Webhook endpoint not found' },
};
const urlRefused = {
  description: 'The URL is not https, or its host is not a public address',
  schema: errorResponseSchema,
  example: { error: 'url: 10.0.0.5 is not a public address' },
};

/**
 * Event webhooks out (session cookie or Bearer JWT, the caller's own endpoints only): register,
 * list, read, edit and delete endpoints, rotate an endpoint's signing secret, read its delivery log,
 * and redeliver an event.
 */
export function createWebhookEndpointsRouter(deps: WebhookEndpointRouteDeps): Router<AppState> {
  const findOwn = async (id: string, userId: string): Promise<WebhookEndpoint> => {
    const endpoint = await findOwnWebhookEndpoint(deps.dataSource, id, userId);
    if (!endpoint) throw new NotFoundError('Webhook endpoint not found');
    return endpoint;
  };
  const checkUrl = (url: string) =>
    checkWebhookUrl(url, {
      allowPrivate: deps.config.httpNode.allowPrivate,
      resolve: deps.resolveWebhookHost,
    });
  /** A new secret: the plaintext for the answer, the ciphertext for the row. */
  const newSecret = () => {
    const secret = `whsec_${generateToken(32)}`;
    return { secret, secretEncrypted: encryptSecret(secret, deps.config.dataEncryptionKey) };
  };

  const list = defineRoute({
    method: 'get',
    path: '/api/webhook-endpoints',
    tag,
    summary: 'List webhook endpoints',
    description:
      "The caller's endpoints, oldest first. Secrets are never shown again after create or rotate.",
    auth,
    responses: {
      200: {
        description: 'Endpoints',
        schema: webhookEndpointSchema.array(),
        example: [webhookEndpointExample],
      },
    },
    handler: async (ctx, { auth }) => {
      ctx.body = (await listWebhookEndpoints(deps.dataSource, auth.user.id)).map(toEndpoint);
    },
  });

  const create = defineRoute({
    method: 'post',
    path: '/api/webhook-endpoints',
    tag,
    summary: 'Register a webhook endpoint',
    description:
      'Events of the chosen types are POSTed to `url`, signed with the `secret` of this answer (shown only here and on rotate). `url` must be https to a public address.',
    auth,
    request: { body: createWebhookEndpointBodySchema },
    responses: {
      201: {
        description: 'Registered; store the secret now',
        schema: webhookEndpointWithSecretSchema,
        example: webhookEndpointWithSecretExample,
      },
      422: urlRefused,
    },
    handler: async (ctx, { body, auth }) => {
      const { secret, secretEncrypted } = newSecret();
      const endpoint = await insertWebhookEndpoint(deps.dataSource, {
        userId: auth.user.id,
        url: await checkUrl(body.url),
        description: body.description ?? null,
        eventTypes: body.eventTypes,
        enabled: body.enabled,
        secretEncrypted,
      });
      ctx.status = 201;
      ctx.body = { ...toEndpoint(endpoint), secret };
    },
  });

  const read = defineRoute({
    method: 'get',
    path: '/api/webhook-endpoints/{id}',
    tag,
    summary: 'Get a webhook endpoint',
    auth,
    request: { params: webhookIdParamsSchema },
    responses: {
      200: { description: 'The endpoint', schema: webhookEndpointSchema, example: webhookEndpointExample },
      404: endpointNotFound,
    },
    handler: async (ctx, { params, auth }) => {
      ctx.body = toEndpoint(await findOwn(params.id, auth.user.id));
    },
  });

  const update = defineRoute({
    method: 'patch',
    path: '/api/webhook-endpoints/{id}',
    tag,
    summary: 'Edit a webhook endpoint',
    description:
      'Any of url, eventTypes, description, enabled. A disabled endpoint records no new events, and its pending deliveries end as failed at their next attempt.',
    auth,
    request: { params: webhookIdParamsSchema, body: updateWebhookEndpointBodySchema },
    responses: {
      200: { description: 'The endpoint', schema: webhookEndpointSchema, example: webhookEndpointExample },
      404: endpointNotFound,
      422: urlRefused,
    },
    handler: async (ctx, { params, body, auth }) => {
      const endpoint = await findOwn(params.id, auth.user.id);
      const changes = body.url === undefined ? body : { ...body, url: await checkUrl(body.url) };
      ctx.body = toEndpoint(await saveWebhookEndpointChanges(deps.dataSource, endpoint, changes));
    },
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/api/webhook-endpoints/{id}',
    tag,
    summary: 'Delete a webhook endpoint',
    description: 'With its delivery log; deliveries still being retried stop.',
    auth,
    request: { params: webhookIdParamsSchema },
    responses: { 204: { description: 'Deleted' }, 404: endpointNotFound },
    handler: async (ctx, { params, auth }) => {
      await deleteWebhookEndpoint(deps.dataSource, (await findOwn(params.id, auth.user.id)).id);
      ctx.status = 204;
    },
  });

  const rotate = defineRoute({
    method: 'post',
    path: '/api/webhook-endpoints/{id}/rotate-secret',
    tag,
    summary: 'Rotate the signing secret',
    description:
      'A new secret, shown only in this answer; every attempt from now on (retries of earlier events too) is signed with it.',
    auth,
    request: { params: webhookIdParamsSchema },
    responses: {
      200: {
        description: 'The endpoint with its new secret',
        schema: webhookEndpointWithSecretSchema,
        example: webhookEndpointWithSecretExample,
      },
      404: endpointNotFound,
    },
    handler: async (ctx, { params, auth }) => {
      const endpoint = await findOwn(params.id, auth.user.id);
      const { secret, secretEncrypted } = newSecret();
      ctx.body = {
        ...toEndpoint(await replaceWebhookSecret(deps.dataSource, endpoint.id, secretEncrypted)),
        secret,
      };
    },
  });

  const deliveries = defineRoute({
    method: 'get',
    path: '/api/webhook-endpoints/{id}/deliveries',
    tag,
    summary: 'Delivery log of an endpoint',
    description:
      'Every event recorded for the endpoint, newest first, with its status (pending, delivered, failed), attempts, the last answer and the body sent. Page with `before` = the previous page’s `nextBefore`.',
    auth,
    request: { params: webhookIdParamsSchema, query: listWebhookDeliveriesQuerySchema },
    responses: {
      200: {
        description: 'One page of the log',
        schema: webhookDeliveryPageSchema,
        example: { deliveries: [webhookDeliveryExample], nextBefore: null },
      },
      404: endpointNotFound,
    },
    handler: async (ctx, { params, query, auth }) => {
      const endpoint = await findOwn(params.id, auth.user.id);
      const rows = await listWebhookDeliveries(deps.dataSource, endpoint.id, query);
      ctx.body = {
        deliveries: rows.map(toDelivery),
        nextBefore: rows.length === query.limit ? rows[rows.length - 1].cursor : null,
      };
    },
  });

  const redeliver = defineRoute({
    method: 'post',
    path: '/api/webhook-deliveries/{id}/redeliver',
    tag,
    summary: 'Redeliver an event',
    description:
      'A new series of attempts (on the same retry schedule) of a delivered or failed event: the same event id and body, signed anew. 409 while the event is still being retried.',
    auth,
    request: { params: webhookIdParamsSchema },
    responses: {
      202: {
        description: 'Queued; the log shows its progress',
        schema: webhookDeliverySchema,
        example: { ...webhookDeliveryExample, status: 'pending' },
      },
      404: { description: 'No such delivery (or not yours)', schema: errorResponseSchema },
      409: {
        description: 'Still pending',
        schema: errorResponseSchema,
        example: { error: 'The delivery is still pending; wait for it to be delivered or to fail' },
      },
      503: { description: 'Temporal is unavailable', schema: errorResponseSchema },
    },
    handler: async (ctx, { params, auth }) => {
      const client = deps.temporalClient;
      if (!client) throw new ServiceUnavailableError('Redelivery is unavailable: Temporal is not configured');
      const delivery = await findOwnWebhookDelivery(deps.dataSource, params.id, auth.user.id);
      if (!delivery) throw new NotFoundError('Webhook delivery not found');
      const queued = await requeueWebhookDelivery(deps.dataSource, delivery.id);
      if (!queued) {
        throw new ConflictError('The delivery is still pending; wait for it to be delivered or to fail');
      }
      try {
        await dispatchWebhookDeliveries(
          {
            client,
            dataSource: deps.dataSource,
            taskQueue: deps.config.temporal.taskQueue,
            retry: deps.config.webhooks?.retry ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE,
          },
          [queued.id],
          { redelivery: true },
        );
      } catch (error) {
        // Queued all the same: the worker's sweep starts it within a few minutes.
        ctx.state.logger.warn({ err: error, deliveryId: queued.id }, 'could not start a redelivery');
      }
      ctx.status = 202;
      ctx.body = toDelivery(queued);
    },
  });

  return createRouter(deps, [list, create, read, update, remove, rotate, deliveries, redeliver]);
}

function toEndpoint(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    enabled: endpoint.enabled,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

function toDelivery(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
    payload: delivery.payload,
  };
}
