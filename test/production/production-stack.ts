/**
 * The production topology on loopback: Temporal built from the version compose pins, on a PostgreSQL
 * of its own, configured by deploy/temporal/ (see production/temporal-cluster.ts); FlowBot's APIs and
 * workers as separate processes against it, with their own PostgreSQL; the fake Graph API and OpenAI
 * in this process. And the check every fault scenario ends with, counted for the report.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { TestContext } from 'node:test';
import { createTemporaryDirectory } from '../../platform/embedded-postgres';
import { startTemporalCluster, type TemporalCluster } from '../../production/temporal-cluster';
import { buildOrReuseTemporalServer } from '../../production/temporal-server-build';
import {
  assertNoProblems,
  checkOutcome,
  EXPECTED_MESSAGES,
  makeCustomers,
  messagesTo,
  playAll,
  startFaultStack,
  type Customer,
  type FaultStack,
} from '../faults/fault-kit';
import { waitUntil } from '../support/stack-driver';
import type { SentGraphMessage } from '../support/fake-graph-api';

/** Options of {@link startProductionStack}. */
export interface ProductionStackOptions {
  workers?: number;
  apis?: number;
}

/** A running production topology. */
export interface ProductionStack {
  cluster: TemporalCluster;
  fault: FaultStack;
  stop(): Promise<void>;
}

/** Builds or reuses the server, starts the cluster, then FlowBot's processes against it. */
export async function startProductionStack(options: ProductionStackOptions = {}): Promise<ProductionStack> {
  const directory = createTemporaryDirectory('flowbot-production-');
  const build = buildOrReuseTemporalServer();
  let cluster: TemporalCluster | undefined;
  try {
    cluster = await startTemporalCluster(build, { directory });
    const fault = await startFaultStack({
      temporalAddress: cluster.address,
      workers: options.workers ?? 1,
      apis: options.apis ?? 1,
    });
    const started = cluster;
    return {
      cluster,
      fault,
      stop: async () => {
        await fault.stack.stop();
        await started.stop();
        fs.rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await cluster?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

/** What one scenario left behind, as the report prints it. */
export interface ScenarioCounts {
  leadsAccepted: number;
  conversationsCompleted: number;
  /** Messages the flow should have sent that never reached the fake Graph API. */
  lost: number;
  /** Messages that reached the fake Graph API twice. */
  duplicated: number;
  /** Webhook deliveries the APIs did not acknowledge (redelivered, as Meta does): the fault was felt. */
  redeliveries: number;
}

/** Options of {@link runScenario}. */
export interface ScenarioOptions {
  conversations: number;
  /** Called once about a third of the scenario's messages were sent: the fault. */
  fault: () => Promise<void>;
  /**
   * Decides whether a duplicate is explained by the fault (the documented case: a worker killed
   * between Graph's answer and recording it). Without it, no duplicate is allowed.
   */
  explainDuplicate?: (first: number, second: number) => boolean;
}

/**
 * Plays `conversations` customers through the seeded flow, spread over every API, injects the fault
 * mid-traffic, and checks: every accepted lead has exactly one run, every conversation completed as
 * the flow says, nothing accepted lost, and no message sent twice unless `explainDuplicate` accepts
 * it. Prints and returns the counts.
 */
export async function runScenario(
  t: TestContext,
  production: ProductionStack,
  options: ScenarioOptions,
): Promise<ScenarioCounts> {
  const { fault } = production;
  const customers = makeCustomers(options.conversations);
  const playing = playAll(fault, customers, { apiUrls: fault.stack.apiUrls });
  const total = options.conversations * EXPECTED_MESSAGES;
  const sentByThem = () => customers.reduce((sum, customer) => sum + messagesTo(fault, customer).length, 0);
  assert.ok(await waitUntil(() => sentByThem() >= total / 3, 180_000, 10), 'traffic never started');
  t.diagnostic(`fault injected after ${sentByThem()}/${total} messages`);
  const faultAt = Date.now();
  await options.fault();
  await playing;

  const outcome = await checkOutcome(fault, customers, 180_000);
  const duplicates = duplicatesOf(fault, customers, outcome.duplicates);
  const counts = await countOutcome(fault, customers, duplicates.length);
  t.diagnostic(
    `leads accepted ${counts.leadsAccepted}/${customers.length}, conversations completed ` +
      `${counts.conversationsCompleted}, lost ${counts.lost}, duplicated ${counts.duplicated}, ` +
      `webhooks redelivered ${counts.redeliveries}`,
  );
  assertNoProblems(outcome);
  for (const duplicate of duplicates) {
    const [first, second] = arrivalsOf(fault, duplicate);
    t.diagnostic(
      `duplicate to ${duplicate.to}: copies ${Math.round(first - faultAt)} ms and ${Math.round(second - faultAt)} ms after the fault began`,
    );
    assert.ok(
      options.explainDuplicate?.(first, second),
      `a duplicate not explained by the fault: ${duplicate.waMessageId}`,
    );
  }
  return counts;
}

function duplicatesOf(
  fault: FaultStack,
  customers: Customer[],
  duplicates: SentGraphMessage[],
): SentGraphMessage[] {
  const phones = new Set(customers.flatMap((customer) => messagesTo(fault, customer).map((m) => m.to)));
  return duplicates.filter((duplicate) => phones.has(duplicate.to));
}

/** When each copy of a duplicated message reached the fake Graph API. */
function arrivalsOf(fault: FaultStack, duplicate: SentGraphMessage): number[] {
  const key = JSON.stringify([duplicate.phoneNumberId, duplicate.body]);
  return fault.stack.graph.requests
    .filter((request) => request.waMessageId && JSON.stringify([request.phoneNumberId, request.body]) === key)
    .map((request) => request.receivedAt);
}

/** Counts from what the customers received and what the database says about their conversations. */
async function countOutcome(
  fault: FaultStack,
  customers: Customer[],
  duplicated: number,
): Promise<ScenarioCounts> {
  const received = customers.map((customer) => {
    const texts = messagesTo(fault, customer).map((message) => JSON.stringify(message.body));
    return new Set(texts).size;
  });
  const ids = customers.map((customer) => customer.conversationId).filter((id) => id !== null);
  const rows: { n: string }[] = await fault.stack.dataSource.query(
    `SELECT count(*) AS n FROM conversations WHERE id = ANY($1) AND status = 'completed'`,
    [ids],
  );
  return {
    leadsAccepted: ids.length,
    conversationsCompleted: Number(rows[0].n),
    lost: received.reduce((sum, count) => sum + Math.max(0, EXPECTED_MESSAGES - count), 0),
    duplicated,
    redeliveries: customers.reduce((sum, customer) => sum + customer.redeliveries, 0),
  };
}
