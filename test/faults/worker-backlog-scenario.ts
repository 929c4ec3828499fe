/**
 * The backlog a worker restart leaves behind, as the outside probe found it: many customers keep
 * writing to an inbound flow that loops question → message → question while the worker is stopped
 * and started again. The new worker has an empty cache, so every waiting run must be replayed from
 * its history before its next event can be handled. Too many workflow tasks in flight on the one
 * workflow thread, and each takes longer than Temporal's workflow task timeout: the server times
 * them out, hands them out again, and nothing is ever sent (a livelock).
 *
 * Shared by test/faults/worker-backlog.test.ts (which keeps the fix) and bench/worker-backlog.ts
 * (which measures how long the backlog takes to drain for a given number of workflow task slots).
 */
import fs from 'node:fs';
import { WhatsappAccount } from '../../entities';
import { sleep } from '../support/child-service';
import { echoLoop } from '../support/loop-flows';
import { seedFlowForAccount } from '../support/seed-tenant';
import { waitUntil } from '../support/stack-driver';
import { deliverLikeMeta, makeCustomers, startFaultStack, type FaultStack } from './fault-kit';

/**
 * The inbound flow: ask, echo the answer, ask again — two sends per customer message. The prompt
 * names the last answer so that no two messages to one customer are alike (a repeat is a duplicate).
 */
const PROMPT = 'Anything else after "{{last}}"?';

/** Options of {@link runWorkerBacklogScenario}. */
export interface WorkerBacklogOptions {
  customers: number;
  messagesPerCustomer: number;
  /** Webhooks per second across all customers. */
  ratePerSecond: number;
  /** WORKER_MAX_CONCURRENT_WORKFLOW_TASKS of both workers; unset keeps FlowBot's default. */
  workflowTaskSlots?: number;
  /** WORKER_FIXED_WORKFLOW_TASK_SLOTS: all slots open instead of following task durations. */
  fixedSlots?: boolean;
  /** How long the restarted worker gets to send everything. */
  drainTimeoutMs: number;
  log?: (message: string) => void;
}

/** What happened. */
export interface WorkerBacklogOutcome {
  expectedSends: number;
  sends: number;
  /** Sends still missing when the traffic ended (the backlog the new worker found). */
  backlogAtRestart: number;
  /** From the new worker's start to the last expected send; null when it never finished. */
  drainMs: number | null;
  /** Messages the restarted worker sent per second while draining. */
  drainRatePerSecond: number | null;
  /** The restarted worker's warnings that a workflow task took over 5 s (half its timeout). */
  slowTaskWarnings: number;
  /** Tasks the server had already timed out when the worker completed them: work thrown away. */
  timedOutTasks: number;
  duplicates: number;
  /** Webhooks that did not get a 200 at first and were delivered again, as Meta does. */
  redeliveries: number;
}

/** Messages one customer gets: a prompt per message they send, an echo per answer. */
function expectedSendsPerCustomer(messagesPerCustomer: number): number {
  return messagesPerCustomer + (messagesPerCustomer - 1);
}

/**
 * Runs the scenario on a stack of its own (its own Temporal dev server, so the timings are this
 * scenario's alone): traffic starts, the worker is stopped a quarter of the way in and started again
 * once the traffic has ended, then the new worker must send every missing message.
 */
export async function runWorkerBacklogScenario(options: WorkerBacklogOptions): Promise<WorkerBacklogOutcome> {
  const log = options.log ?? (() => undefined);
  const env: Record<string, string> = {};
  if (options.workflowTaskSlots !== undefined) {
    env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS = String(options.workflowTaskSlots);
  }
  if (options.fixedSlots) env.WORKER_FIXED_WORKFLOW_TASK_SLOTS = 'true';
  const fault = await startFaultStack({ ownTemporal: true, env, logLevel: 'error' });
  const { stack } = fault;
  try {
    await seedInboundLoop(fault);
    const customers = makeCustomers(options.customers);
    const expectedSends = options.customers * expectedSendsPerCustomer(options.messagesPerCustomer);
    const totalWebhooks = options.customers * options.messagesPerCustomer;

    const traffic = (async () => {
      const gapMs = 1000 / options.ratePerSecond;
      const started = Date.now();
      const inFlight: Promise<string>[] = [];
      for (let round = 0; round < options.messagesPerCustomer; round++) {
        for (const [index, customer] of customers.entries()) {
          const due = started + (round * customers.length + index) * gapMs;
          if (due > Date.now()) await sleep(due - Date.now());
          inFlight.push(deliverLikeMeta(fault, customer, `m${round}`, { timeoutMs: 120_000 }));
        }
      }
      await Promise.all(inFlight);
    })();

    await waitUntil(() => stack.graph.sentMessages().length > 0, 60_000);
    const stopAfter = Math.floor(totalWebhooks / 4 / options.ratePerSecond) * 1000;
    await sleep(stopAfter);
    log(`stopping the worker after ${stack.graph.sentMessages().length} sends`);
    await stack.stopWorkers('SIGTERM');
    await traffic;
    const backlogAtRestart = expectedSends - stack.graph.sentMessages().length;
    const redeliveries = customers.reduce((sum, customer) => sum + customer.redeliveries, 0);
    log(`traffic done (${redeliveries} webhooks redelivered); ${backlogAtRestart} sends outstanding`);

    const restartedAt = Date.now();
    const worker = await stack.startWorker();
    const drained = await waitUntil(
      () => stack.graph.sentMessages().length >= expectedSends,
      options.drainTimeoutMs,
      100,
    );
    const drainMs = drained ? Date.now() - restartedAt : null;
    await sleep(1000); // anything sent twice arrives now, not after we counted
    const sends = stack.graph.sentMessages().length;
    const outcome: WorkerBacklogOutcome = {
      expectedSends,
      sends,
      backlogAtRestart,
      drainMs,
      drainRatePerSecond: drainMs === null ? null : Math.round((backlogAtRestart / drainMs) * 1000),
      slowTaskWarnings: countLogLines(worker.logFile, /Workflow task duration exceeded/),
      timedOutTasks: countLogLines(worker.logFile, /Task not found/i),
      duplicates: stack.graph.findDuplicateSends().length,
      redeliveries,
    };
    log(JSON.stringify(outcome));
    for (const duplicate of stack.graph.findDuplicateSends().slice(0, 5)) {
      log(`sent twice: ${JSON.stringify(duplicate.body)}`);
    }
    return outcome;
  } finally {
    await stack.stop();
  }
}

/** The loop flow as the inbound flow of the fault tenant's first number. */
async function seedInboundLoop({ stack, tenant }: FaultStack): Promise<void> {
  const [account] = tenant.accounts;
  const loop = echoLoop(PROMPT).build() as unknown as Record<string, unknown>;
  const flowId = await seedFlowForAccount(
    stack.dataSource,
    tenant,
    account.id,
    stack.secrets.dataEncryptionKey,
    loop,
  );
  await stack.dataSource.getRepository(WhatsappAccount).update(account.id, { inboundFlowId: flowId });
}

/** Lines of `logFile` that match `pattern`. */
function countLogLines(logFile: string, pattern: RegExp): number {
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => pattern.test(line)).length;
}
