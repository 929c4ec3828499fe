/**
 * Acting on a {@link ProcessStack} the way the outside world does: an integrator getting an API token
 * and triggering flows over HTTP, a customer writing through Meta's signed webhook. Shared by the
 * fault suite and the benchmarks so both exercise the same paths.
 */
import { randomBytes } from 'node:crypto';
import { startConversation, type StartedConversation } from '../../api/conversations/start-conversation';
import { createLogger } from '../../platform/logger';
import type { ConversationTrigger } from '../../workflows/definitions';
import type { ProcessStack } from './process-stack';
import type { SeededTenant } from './seed-tenant';
import {
  buildTextMessageWebhook,
  makeInboundWaMessageId,
  signWebhookBody,
} from './whatsapp-webhook-payloads';
import { sleep } from './child-service';

let phoneCounter = 0;
const phonePrefix = 100 + Math.floor(Math.random() * 800);

/** A fresh, valid E.164 number (+49 15x …) unique within this process. */
export function nextCustomerPhone(): string {
  phoneCounter += 1;
  return `+4915${phonePrefix}${String(phoneCounter).padStart(6, '0')}`;
}

/** Digits only, as Graph's `to` and the webhook's `from` carry a number. */
export function phoneDigits(e164: string): string {
  return e164.replace(/^\+/, '');
}

/**
 * `POST /api/auth/api-token` with the tenant's key; null when the route is not there (404/405) so
 * callers can report "not available" instead of failing on an unrelated missing piece.
 */
export async function requestApiToken(apiUrl: string, tenant: SeededTenant): Promise<string | null> {
  const response = await fetch(`${apiUrl}/api/auth/api-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: tenant.clientId, apiKey: tenant.apiKey, ttlSec: 3600 }),
  });
  if (response.status === 404 || response.status === 405) return null;
  const body = (await response.json()) as { accessToken?: string };
  if (!response.ok || !body.accessToken) {
    throw new Error(`api-token answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}

/** Options of {@link postCustomerText}. */
export interface CustomerTextOptions {
  phoneNumberId: string;
  /** E.164 of the customer. */
  from: string;
  text: string;
  /** The wamid; a fresh one when omitted. Pass the same one to simulate Meta's redelivery. */
  waMessageId?: string;
  sentAt?: number;
}

/** A customer's text as Meta would POST it: body and its X-Hub-Signature-256. */
export function buildSignedCustomerText(
  stack: Pick<ProcessStack, 'secrets'>,
  options: CustomerTextOptions,
): { body: string; signature: string; waMessageId: string } {
  const waMessageId = options.waMessageId ?? makeInboundWaMessageId();
  const body = JSON.stringify(
    buildTextMessageWebhook({
      phoneNumberId: options.phoneNumberId,
      from: phoneDigits(options.from),
      text: options.text,
      id: waMessageId,
      sentAt: options.sentAt,
    }),
  );
  return { body, signature: signWebhookBody(body, stack.secrets.whatsappAppSecret), waMessageId };
}

/** POSTs a signed customer text to the WhatsApp webhook; resolves with the HTTP status. */
export async function postCustomerText(
  stack: Pick<ProcessStack, 'secrets' | 'apiUrl'>,
  options: CustomerTextOptions,
  timeoutMs = 10_000,
): Promise<number> {
  const { body, signature } = buildSignedCustomerText(stack, options);
  const response = await fetch(`${stack.apiUrl}/api/whatsapp/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer();
  return response.status;
}

/** POSTs a lead with a Bearer token; resolves with status and parsed body. */
export async function postLead(
  apiUrl: string,
  token: string,
  flowId: string,
  fields: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${apiUrl}/api/webhook/flow/${flowId}/lead`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(fields),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

const quietLogger = createLogger({ level: 'silent' });

/**
 * Starts a conversation in this process through the same service the trigger routes call
 * (`startConversation`: row, slot, workflow), bypassing HTTP. Used where the route is not the thing
 * measured, or not mounted yet.
 */
export async function startConversationDirectly(
  stack: ProcessStack,
  tenant: SeededTenant,
  options: {
    phone: string;
    flowId?: string;
    trigger?: ConversationTrigger;
    variables?: Record<string, unknown>;
  },
): Promise<StartedConversation> {
  return await startConversation(
    {
      dataSource: stack.dataSource,
      temporalClient: stack.temporal,
      taskQueue: stack.taskQueue,
      logger: quietLogger,
    },
    {
      ownerId: tenant.userId,
      flowId: options.flowId ?? tenant.flowId,
      phone: options.phone,
      trigger: options.trigger ?? { source: 'lead' },
      variables: options.variables ?? { name: 'Bench' },
    },
  );
}

/** Polls `check` until it returns true or `timeoutMs` passes; resolves with whether it did. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return await check();
}

/** A random inbound wamid (re-exported for callers that build their own redeliveries). */
export function freshWaMessageId(): string {
  return makeInboundWaMessageId() + randomBytes(2).toString('hex');
}
