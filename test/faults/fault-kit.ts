/**
 * What every fault scenario shares: a process stack with one tenant, customers that behave like the
 * outside world under faults (an integrator retrying a lead with the same Idempotency-Key, Meta
 * redelivering a webhook with the same wamid until it gets a 200), and one check of the outcome:
 * exactly one run per accepted trigger, every conversation completed as the flow says, every
 * accepted customer message stored once, and no message sent twice to the fake Graph API.
 */
import assert from 'node:assert/strict';
import { sleep } from '../support/child-service';
import { startProcessStack, type ProcessStack, type ProcessStackOptions } from '../support/process-stack';
import {
  SEEDED_ANSWERS,
  SEEDED_GOODBYE_PREFIX,
  SEEDED_PROMPTS,
  seedTenant,
  type SeededTenant,
} from '../support/seed-tenant';
import {
  buildSignedCustomerText,
  nextCustomerPhone,
  phoneDigits,
  requestApiToken,
  waitUntil,
} from '../support/stack-driver';
import type { SentGraphMessage } from '../support/fake-graph-api';

/** Quick form in `npm test`, full form with FLOWBOT_FULL_TESTS=1. */
export const FULL = process.env.FLOWBOT_FULL_TESTS === '1';

/** Conversations per scenario. */
export const CONVERSATIONS = FULL ? 200 : 20;

/** Messages a seeded conversation receives when nothing goes wrong: template, 2 prompts, goodbye. */
export const EXPECTED_MESSAGES = 2 + SEEDED_PROMPTS.length;

/** A stack and who acts on it. */
export interface FaultStack {
  stack: ProcessStack;
  tenant: SeededTenant;
  token: string;
}

/** Starts the stack (one worker) and seeds a tenant whose number sends up to 1,000 messages/s. */
export async function startFaultStack(options: ProcessStackOptions = {}): Promise<FaultStack> {
  const stack = await startProcessStack({
    ...options,
    env: { WHATSAPP_MESSAGES_PER_SECOND: '1000', ...options.env },
  });
  try {
    const tenant = await seedTenant(stack.dataSource, {
      dataEncryptionKey: stack.secrets.dataEncryptionKey,
      messagesPerSecond: 1000,
    });
    const token = await requestApiToken(stack.apiUrl, tenant);
    assert.ok(token, 'the API must issue API tokens');
    return { stack, tenant, token };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** One customer the scenario drives, and what happened to them. */
export interface Customer {
  phone: string;
  /** Set once the lead was accepted (200). */
  conversationId: string | null;
  /** wamids of answers the API acknowledged with 200. */
  acceptedAnswers: string[];
  /** Attempts that did not get a 200 (connection refused, 5xx) and were redelivered. */
  redeliveries: number;
  /** Lead retries answered 409 "still being processed" (a claim left by a killed API). */
  idempotencyWaits: number;
  /** The lead's run was started by an attempt whose answer was lost (the API was killed). */
  startedByLostAttempt: boolean;
}

/** New customers (not yet triggered). */
export function makeCustomers(count: number): Customer[] {
  return Array.from({ length: count }, () => ({
    phone: nextCustomerPhone(),
    conversationId: null,
    acceptedAnswers: [],
    redeliveries: 0,
    idempotencyWaits: 0,
    startedByLostAttempt: false,
  }));
}

/**
 * Submits a lead for `customer` the way a careful integrator does: the same Idempotency-Key on
 * every attempt, retried on connection errors and 5xx until accepted or `timeoutMs` passes.
 */
export async function submitLead(fault: FaultStack, customer: Customer, timeoutMs = 200_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lostAnswer = false;
  while (Date.now() < deadline) {
    const answer = await fetch(`${fault.stack.apiUrl}/api/webhook/flow/${fault.tenant.flowId}/lead`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${fault.token}`,
        'idempotency-key': `lead-${customer.phone}`,
      },
      body: JSON.stringify({ phone: customer.phone, name: 'Fault Test' }),
      signal: AbortSignal.timeout(15_000),
    })
      .then(async (response) => ({
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
      }))
      .catch(() => ({ status: 0, body: {} as Record<string, unknown> }));
    if (answer.status === 200) {
      customer.conversationId = String(answer.body.conversationId);
      return;
    }
    // An API killed mid-request leaves its Idempotency-Key claim "in progress" until it goes stale
    // (api/conversations/run-idempotently.ts: 120 s); the answer says to retry later, so we do.
    const inProgress = answer.status === 409 && /still being processed/i.test(String(answer.body.error));
    if (inProgress) customer.idempotencyWaits += 1;
    // After a stale claim is reclaimed, the retry finds the run the lost attempt started: that run is
    // the accepted one (exactly one run), though the integrator never saw its 200.
    if (answer.status === 409 && lostAnswer && !inProgress) {
      customer.conversationId = await findOpenConversationId(fault, customer.phone);
      customer.startedByLostAttempt = true;
      return;
    }
    if (answer.status === 0 || answer.status >= 500) lostAnswer = true;
    if (answer.status !== 0 && answer.status < 500 && !inProgress) {
      throw new Error(
        `lead for ${customer.phone} refused with ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    await sleep(250);
  }
  throw new Error(`lead for ${customer.phone} was never accepted`);
}

async function findOpenConversationId(fault: FaultStack, phone: string): Promise<string> {
  const rows: { id: string }[] = await fault.stack.dataSource.query(
    `SELECT id FROM conversations WHERE "customerPhone" = $1 AND "endedAt" IS NULL`,
    [phone],
  );
  if (rows.length !== 1)
    throw new Error(`${phone}: ${rows.length} open conversations after a lost lead answer`);
  return rows[0].id;
}

/**
 * Posts one customer text like Meta: the same wamid and bytes until the API answers 200 (Meta retries
 * non-2xx for days; we give up after `timeoutMs`). Returns the wamid.
 */
export async function deliverLikeMeta(
  fault: FaultStack,
  customer: Customer,
  text: string,
  options: { waMessageId?: string; timeoutMs?: number } = {},
): Promise<string> {
  const { body, signature, waMessageId } = buildSignedCustomerText(fault.stack, {
    phoneNumberId: fault.tenant.accounts[0].phoneNumberId,
    from: customer.phone,
    text,
    waMessageId: options.waMessageId,
  });
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    const status = await postRaw(fault.stack.apiUrl, body, signature);
    if (status === 200) {
      customer.acceptedAnswers.push(waMessageId);
      return waMessageId;
    }
    customer.redeliveries += 1;
    await sleep(250);
  }
  throw new Error(`webhook for ${customer.phone} never acknowledged`);
}

/** POSTs signed webhook bytes; 0 when the connection failed. */
export async function postRaw(apiUrl: string, body: string, signature: string): Promise<number> {
  return await fetch(`${apiUrl}/api/whatsapp/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
    signal: AbortSignal.timeout(15_000),
  })
    .then(async (response) => {
      await response.arrayBuffer();
      return response.status;
    })
    .catch(() => 0);
}

/** Accepted messages to `customer`, oldest first. */
export function messagesTo(fault: FaultStack, customer: Customer): SentGraphMessage[] {
  const to = phoneDigits(customer.phone);
  return fault.stack.graph.sentMessages().filter((message) => message.to === to);
}

/**
 * Plays one customer through the seeded flow: waits for each prompt, answers it (like Meta), and
 * waits for the goodbye. Bounded by `timeoutMs` per step.
 */
export async function playConversation(
  fault: FaultStack,
  customer: Customer,
  options: { thinkMs?: number; timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  for (let turn = 1; turn <= SEEDED_ANSWERS; turn++) {
    // The template asks the first question; each answer brings the next message.
    const prompted = await waitUntil(() => messagesTo(fault, customer).length >= turn, timeoutMs, 50);
    if (!prompted) throw new Error(`${customer.phone} never received prompt ${turn}`);
    // Customers take a moment to answer: it spreads the traffic so a fault lands in the middle of it.
    if (options.thinkMs) await sleep(Math.random() * options.thinkMs);
    await deliverLikeMeta(fault, customer, `answer ${turn} from ${customer.phone}`);
  }
  await waitUntil(() => messagesTo(fault, customer).length >= EXPECTED_MESSAGES, timeoutMs, 50);
}

/** Findings of {@link checkOutcome}: empty arrays mean the scenario left no trace. */
export interface Outcome {
  /** Duplicate sends (same number, recipient and body as an earlier accepted message). */
  duplicates: SentGraphMessage[];
  /** Human-readable problems other than duplicates. */
  problems: string[];
}

/**
 * Checks what the customers should see and what the database and Temporal should hold. Waits (bounded)
 * for conversations to complete first; duplicates are returned, not asserted, so each scenario can
 * decide what an honest bound is (see the SIGKILL scenario).
 */
export async function checkOutcome(
  fault: FaultStack,
  customers: Customer[],
  timeoutMs = 120_000,
): Promise<Outcome> {
  const { stack } = fault;
  const problems: string[] = [];
  const ids = customers.map((customer) => customer.conversationId).filter((id): id is string => id !== null);
  if (ids.length !== customers.length) problems.push(`${customers.length - ids.length} leads never accepted`);

  const completed = async () => {
    const rows: { n: string }[] = await stack.dataSource.query(
      `SELECT count(*) AS n FROM conversations WHERE id = ANY($1) AND status = 'completed'`,
      [ids],
    );
    return Number(rows[0].n) === ids.length;
  };
  await waitUntil(completed, timeoutMs, 250);

  // Exactly one conversation and one run per accepted trigger.
  const rows: {
    id: string;
    customerPhone: string;
    status: string;
    variables: Record<string, unknown>;
    workflowId: string;
  }[] = await stack.dataSource.query(
    `SELECT id, "customerPhone", status, variables, "workflowId" FROM conversations WHERE "customerPhone" = ANY($1)`,
    [customers.map((customer) => customer.phone)],
  );
  const runsByWorkflow = new Map<string, number>();
  for await (const execution of stack.temporal.workflow.list({
    query: `WorkflowType = 'conversationWorkflow' AND TaskQueue = '${stack.taskQueue}'`,
  })) {
    runsByWorkflow.set(execution.workflowId, (runsByWorkflow.get(execution.workflowId) ?? 0) + 1);
  }
  for (const customer of customers) {
    const mine = rows.filter((row) => row.customerPhone === customer.phone);
    if (mine.length !== 1) {
      problems.push(`${customer.phone}: ${mine.length} conversations`);
      continue;
    }
    const [row] = mine;
    if (row.id !== customer.conversationId)
      problems.push(`${customer.phone}: conversation id differs from the 200 answer`);
    if (row.status !== 'completed')
      problems.push(`${customer.phone}: status ${row.status}, expected completed`);
    const runs = runsByWorkflow.get(row.workflowId) ?? 0;
    if (runs !== 1) problems.push(`${customer.phone}: ${runs} workflow runs`);
    Array.from({ length: SEEDED_ANSWERS }).forEach((_, index) => {
      const expected = `answer ${index + 1} from ${customer.phone}`;
      if (row.variables[`answer_${index + 1}`] !== expected)
        problems.push(
          `${customer.phone}: answer_${index + 1} = ${JSON.stringify(row.variables[`answer_${index + 1}`])}`,
        );
    });
    const texts = messagesTo(fault, customer).map((message) =>
      message.type === 'template'
        ? 'template'
        : String((message.body.text as { body?: string } | undefined)?.body),
    );
    const unique = [...new Set(texts)];
    const expectedTexts = [
      'template',
      ...SEEDED_PROMPTS,
      `${SEEDED_GOODBYE_PREFIX}answer 1 from ${customer.phone}`,
    ];
    if (JSON.stringify(unique) !== JSON.stringify(expectedTexts))
      problems.push(`${customer.phone}: received ${JSON.stringify(texts)}`);
  }

  // Nothing accepted is lost: every acknowledged answer is stored exactly once.
  const accepted = [...new Set(customers.flatMap((customer) => customer.acceptedAnswers))];
  const stored: { waMessageId: string; n: string }[] = await stack.dataSource.query(
    `SELECT "waMessageId", count(*) AS n FROM messages WHERE direction = 'inbound' AND "waMessageId" = ANY($1) GROUP BY 1`,
    [accepted],
  );
  const storedCount = new Map(stored.map((row) => [row.waMessageId, Number(row.n)]));
  for (const wamid of accepted) {
    const count = storedCount.get(wamid) ?? 0;
    if (count !== 1) problems.push(`inbound ${wamid} stored ${count} times`);
  }
  for (const [wamid, count] of stack.graph.countByWaMessageId()) {
    if (count !== 1) problems.push(`Graph handed out ${wamid} ${count} times`);
  }
  return { duplicates: stack.graph.findDuplicateSends(), problems };
}

/**
 * Runs `customers` concurrently through lead + conversation, `lanes` at a time, each thinking up to
 * `thinkMs` (default 2 s) before an answer. With `apiUrls`, customer i talks to API i mod n (the lead
 * and every answer), as a load balancer in front of several API processes would spread them.
 */
export async function playAll(
  fault: FaultStack,
  customers: Customer[],
  options: { lanes?: number; thinkMs?: number; apiUrls?: string[] } = {},
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < customers.length) {
      const index = next++;
      const customer = customers[index];
      const apiUrl = options.apiUrls?.[index % options.apiUrls.length];
      const via = apiUrl ? { ...fault, stack: { ...fault.stack, apiUrl } } : fault;
      await submitLead(via, customer);
      await playConversation(via, customer, { thinkMs: options.thinkMs ?? 2_000 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.lanes ?? 50, customers.length) }, lane));
}

/** Fails with every problem listed (one assertion, so the report shows them all). */
export function assertNoProblems(outcome: Outcome): void {
  assert.deepEqual(outcome.problems, [], outcome.problems.slice(0, 20).join('\n'));
}
