/**
 * A campaign on the process stack (API and worker as separate processes, the fake Graph API), shared
 * by the worker-SIGKILL test and bench/campaign-100k.ts: seed contacts, create and schedule the
 * campaign through the API, watch it, and judge what the fake Graph API received.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { ProcessStack } from '../support/process-stack';
import { signWebhookBody } from '../support/whatsapp-webhook-payloads';
import { seedTenant, type SeededTenant } from '../support/seed-tenant';
import { requestApiToken } from '../support/stack-driver';

/** A tenant with `contacts` contacts tagged `campaign` on its first number, and an API token. */
export interface CampaignScenario {
  stack: ProcessStack;
  tenant: SeededTenant;
  token: string;
  accountId: string;
  phoneNumberId: string;
  phones: Set<string>;
}

/** Seeds the tenant (the number unlimited by Meta's daily tier) and its contacts, in one INSERT. */
export async function seedCampaignScenario(stack: ProcessStack, contacts: number): Promise<CampaignScenario> {
  const tenant = await seedTenant(stack.dataSource, {
    dataEncryptionKey: stack.secrets.dataEncryptionKey,
    messagesPerSecond: 1000,
  });
  const [account] = tenant.accounts;
  await stack.dataSource.query(`UPDATE whatsapp_accounts SET "dailyRecipientLimit" = NULL WHERE id = $1`, [
    account.id,
  ]);
  const rows: { phone: string }[] = await stack.dataSource.query(
    `INSERT INTO contacts ("userId", "whatsappAccountId", phone, name, tags)
     SELECT $1, $2, '+4917' || lpad(n::text, 9, '0'), 'Customer ' || n, '{campaign}'
       FROM generate_series(1, $3) AS n
     RETURNING phone`,
    [tenant.userId, account.id, contacts],
  );
  const token = await requestApiToken(stack.apiUrl, tenant);
  assert.ok(token);
  return {
    stack,
    tenant,
    token,
    accountId: account.id,
    phoneNumberId: account.phoneNumberId,
    phones: new Set(rows.map((row) => row.phone)),
  };
}

/** A JSON answer of the API, read loosely as tests do. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Calls the API as the scenario's tenant; throws on an error status. */
export async function callApi(
  scenario: CampaignScenario,
  method: string,
  path: string,
  body?: unknown,
): Promise<Json> {
  const response = await fetch(`${scenario.stack.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${scenario.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await response.json()) as Json;
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(parsed)}`);
  return parsed;
}

/** Creates the campaign to every seeded contact at `messagesPerSecond` and schedules it; its id. */
export async function startScenarioCampaign(
  scenario: CampaignScenario,
  messagesPerSecond: number,
): Promise<string> {
  const created = await callApi(scenario, 'POST', '/api/campaigns', {
    name: 'Fault scenario',
    whatsappAccountId: scenario.accountId,
    template: { name: 'spring_sale', language: 'en', parameters: ['{{name}}'] },
    audience: { type: 'filter', filter: { tags: ['campaign'] } },
    messagesPerSecond,
  });
  await callApi(scenario, 'POST', `/api/campaigns/${created.id}/schedule`);
  return created.id as string;
}

/** Messages the fake Graph API accepted for the scenario's number. */
export function scenarioSends(scenario: CampaignScenario) {
  return scenario.stack.graph
    .sentMessages()
    .filter((message) => message.phoneNumberId === scenario.phoneNumberId);
}

/** Phones sent more than once, and phones never sent, judged by the fake Graph API. */
export function judgeSends(scenario: CampaignScenario): {
  duplicates: string[];
  missed: string[];
  sent: number;
} {
  const counts = new Map<string, number>();
  const sends = scenarioSends(scenario);
  for (const message of sends) {
    const phone = `+${message.to.replace(/^\+/, '')}`;
    counts.set(phone, (counts.get(phone) ?? 0) + 1);
  }
  return {
    duplicates: [...counts].filter(([, count]) => count > 1).map(([phone]) => phone),
    missed: [...scenario.phones].filter((phone) => !counts.has(phone)),
    sent: sends.length,
  };
}

/**
 * Echoes a `sent` status for every message the fake Graph API accepted, as Meta does within about a
 * second, with our send key in `biz_opaque_callback_data`: what lets a send whose answer died with
 * its worker be recognised as sent instead of being sent again. Batched (up to 200 statuses per
 * notification, every `everyMs`). Returns a function that stops it.
 */
export function echoSentStatuses(scenario: CampaignScenario, everyMs = 500): () => Promise<void> {
  let echoed = 0;
  let running = Promise.resolve();
  const tick = async () => {
    const sends = scenarioSends(scenario);
    while (echoed < sends.length) {
      const batch = sends.slice(echoed, echoed + 200);
      const payload = {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '15550783881', phone_number_id: scenario.phoneNumberId },
                  statuses: batch.map((message) => ({
                    id: message.waMessageId,
                    status: 'sent',
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    recipient_id: message.to.replace(/^\+/, ''),
                    biz_opaque_callback_data: message.body.biz_opaque_callback_data,
                  })),
                },
              },
            ],
          },
        ],
      };
      const raw = JSON.stringify(payload);
      const response = await fetch(`${scenario.stack.apiUrl}/api/whatsapp/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signWebhookBody(raw, scenario.stack.secrets.whatsappAppSecret),
        },
        body: raw,
      }).catch(() => undefined);
      // Meta retries what was not acknowledged; so do we, at the next tick.
      if (!response?.ok) return;
      echoed += batch.length;
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Resident memory of a process in MB (0 once it is gone). */
export function readRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}
