/**
 * How many waiting conversations one worker holds, and what its memory is made of. Every part is its
 * own process, as in production: embedded PostgreSQL, a Temporal dev server of its own (in memory), one worker
 * (`worker/main.ts`, sized by WORKER_* variables) and, in this process, the client that starts the
 * conversations plus the fake Graph API. Only the worker's RSS is measured (from /proc, every 2 s),
 * beside the worker's own "worker memory" log lines (main-thread V8 heap, cached runs).
 *
 * Each conversation runs the seeded flow: a template, then a question with a day's timeout. After
 * the ramp the worker settles, then 20 of the first (long evicted) conversations are answered to show
 * an evicted run is replayed and continues. Each run is stored under its label in
 * bench/results/waiting-conversations.json; the Markdown and SVG are rebuilt from every stored run.
 *
 *   npx tsx bench/waiting-conversations.ts --label=default [--conversations=10000] [--cache=N]
 *     [--slots=N] [--settle=30] [--time-limit=900]
 *   npx tsx bench/waiting-conversations.ts --report-only   (rebuilds the Markdown and SVG from the JSON)
 */
import { readFlag } from './command-line';
import fs from 'node:fs';
import path from 'node:path';
import { describeMachine, readLoadAverage, readRssMb } from './machine';
import { mapWithConcurrency } from './measure';
import { describeTemporalServer, renderTemporalServer, type TemporalServerInfo } from './temporal-server';
import { renderLineChart } from './report/svg';
import { startProcessStack, type ProcessStack } from '../test/support/process-stack';
import { seedTenant } from '../test/support/seed-tenant';
import { freshWaMessageId, nextCustomerPhone, startConversationDirectly } from '../test/support/stack-driver';
import { customerMessageSignal } from '../workflows/definitions';
import { flowWorkerDefaults } from '../worker/create-worker';

const RESULTS = path.join(__dirname, 'results');
const JSON_FILE = path.join(RESULTS, 'waiting-conversations.json');
const MILESTONES = [1000, 2000, 5000, 10_000];
const SAMPLE_MS = 2000;
const START_CONCURRENCY = 50;
const REPLAYED = 20;

/** One reading of the worker while conversations accumulate. */
interface Sample {
  atS: number;
  started: number;
  waiting: number;
  workerRssMb: number;
  /** The Temporal dev server process (in-memory persistence: it holds every run's history). */
  temporalRssMb: number;
  /** From the worker's last "worker memory" line. */
  heapUsedMb?: number;
  externalMb?: number;
  cachedWorkflows?: number;
}

/** One configuration's run, as stored in the JSON. */
interface RunResult {
  label: string;
  at: string;
  command: string;
  worker: { maxCachedWorkflows: number; maxConcurrentWorkflowTaskExecutions: number };
  conversations: number;
  allWaitingAfterS: number | null;
  idleWorkerRssMb: number;
  rssAtWaitingMb: Record<string, number | null>;
  settledRssMb: number;
  peakRssMb: number;
  settledHeapUsedMb: number | null;
  temporalRssMb: number;
  temporal: TemporalServerInfo;
  evictedRepliesContinued: string;
  loadAverage: { before: number[]; after: number[] };
  samples: Sample[];
}

function readArgs() {
  const arg = readFlag;
  const count = (name: string, fallback?: number) => (arg(name) === undefined ? fallback : Number(arg(name)));
  return {
    label: arg('label') ?? 'default',
    conversations: count('conversations', 10_000) as number,
    cache: count('cache'),
    slots: count('slots'),
    settleS: count('settle', 30) as number,
    timeLimitS: count('time-limit', 900) as number,
  };
}

/** The last "worker memory" line the worker logged (pino JSON). */
function lastMemoryLine(logFile: string): Record<string, number> | undefined {
  const text = fs.readFileSync(logFile, 'utf8');
  const at = text.lastIndexOf('"msg":"worker memory"');
  if (at < 0) return undefined;
  const line = text.slice(text.lastIndexOf('\n', at) + 1, text.indexOf('\n', at));
  return JSON.parse(line) as Record<string, number>;
}

async function countWaiting(stack: ProcessStack): Promise<number> {
  const [{ count }]: { count: string }[] = await stack.dataSource.query(
    `SELECT count(*) FROM conversations WHERE "currentNodeId" IS NOT NULL AND "endedAt" IS NULL`,
  );
  return Number(count);
}

async function main(): Promise<void> {
  if (process.argv.includes('--report-only')) return writeResults(undefined);
  const args = readArgs();
  const deadline = Date.now() + args.timeLimitS * 1000;
  const worker = {
    maxCachedWorkflows: args.cache ?? flowWorkerDefaults.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: args.slots ?? flowWorkerDefaults.maxConcurrentWorkflowTaskExecutions,
  };
  const loadBefore = readLoadAverage();
  const stack = await startProcessStack({
    ownTemporal: true,
    logLevel: 'warn',
    workerLogLevel: 'info',
    env: {
      WHATSAPP_MESSAGES_PER_SECOND: '1000',
      WORKER_MAX_CACHED_WORKFLOWS: String(worker.maxCachedWorkflows),
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: String(worker.maxConcurrentWorkflowTaskExecutions),
      WORKER_MEMORY_REPORT_MS: String(SAMPLE_MS),
    },
  });
  let sampler: NodeJS.Timeout | undefined;
  try {
    const workerProcess = stack.workers[0];
    if (!workerProcess) throw new Error('the stack started no worker');
    const tenant = await seedTenant(stack.dataSource, {
      dataEncryptionKey: stack.secrets.dataEncryptionKey,
      accounts: 1,
      messagesPerSecond: 1000,
    });
    const temporal = await describeTemporalServer(stack.temporal.connection);
    const idleWorkerRssMb = readRssMb(workerProcess.pid);
    const began = Date.now();
    const samples: Sample[] = [];
    let started = 0;
    const sample = async (): Promise<Sample> => {
      const memory = lastMemoryLine(workerProcess.logFile);
      const point: Sample = {
        atS: Math.round((Date.now() - began) / 100) / 10,
        started,
        waiting: await countWaiting(stack),
        workerRssMb: readRssMb(workerProcess.pid),
        temporalRssMb: readRssMb(stack.temporalPid as number),
        heapUsedMb: memory?.heapUsedMb,
        externalMb: memory?.externalMb,
        cachedWorkflows: memory?.cachedWorkflows,
      };
      samples.push(point);
      return point;
    };
    sampler = setInterval(() => void sample().catch(() => undefined), SAMPLE_MS);

    const phones = Array.from({ length: args.conversations }, () => nextCustomerPhone());
    const runs = await mapWithConcurrency(phones, START_CONCURRENCY, async (phone) => {
      if (Date.now() > deadline) throw new Error('time limit reached while starting');
      const run = await startConversationDirectly(stack, tenant, { phone });
      started += 1;
      return run;
    });
    let allWaitingAfterS: number | null = null;
    while (Date.now() < deadline) {
      if ((await countWaiting(stack)) >= args.conversations) {
        allWaitingAfterS = Math.round((Date.now() - began) / 100) / 10;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // Memory "after the ramp" is read once the worker has had time to go quiet.
    await new Promise((resolve) => setTimeout(resolve, args.settleS * 1000));
    clearInterval(sampler);
    const settled = await sample();

    // The first runs left the cache long ago (unless the cache holds everything): answering them
    // replays their history; each must move on to the next question, as without eviction.
    const replayed = runs.slice(0, REPLAYED);
    await Promise.all(
      replayed.map((run) =>
        stack.temporal.workflow.getHandle(run.workflowId).signal(customerMessageSignal, {
          waMessageId: freshWaMessageId(),
          type: 'text',
          text: 'first answer',
          sentAt: Date.now(),
        }),
      ),
    );
    const replayBegan = Date.now();
    let moved = 0;
    while (Date.now() - replayBegan < 60_000) {
      const [{ count }]: { count: string }[] = await stack.dataSource.query(
        `SELECT count(*) FROM conversations WHERE id = ANY($1) AND variables ? 'answer_1'`,
        [replayed.map((run) => run.conversationId)],
      );
      moved = Number(count);
      if (moved === replayed.length) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const rssAt = (count: number) => samples.find((s) => s.waiting >= count)?.workerRssMb ?? null;
    const result: RunResult = {
      label: args.label,
      at: new Date().toISOString(),
      command: `npx tsx bench/waiting-conversations.ts ${process.argv.slice(2).join(' ')}`.trim(),
      worker,
      conversations: args.conversations,
      allWaitingAfterS,
      idleWorkerRssMb,
      rssAtWaitingMb: Object.fromEntries(
        MILESTONES.filter((m) => m <= args.conversations).map((m) => [String(m), rssAt(m)]),
      ),
      settledRssMb: settled.workerRssMb,
      peakRssMb: Math.max(...samples.map((s) => s.workerRssMb)),
      settledHeapUsedMb: settled.heapUsedMb ?? null,
      temporalRssMb: settled.temporalRssMb,
      temporal,
      evictedRepliesContinued: `${moved}/${replayed.length} in ${((Date.now() - replayBegan) / 1000).toFixed(1)} s`,
      loadAverage: { before: loadBefore, after: readLoadAverage() },
      samples,
    };
    writeResults(result);
    const { samples: _omitted, ...summary } = result;
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    if (sampler) clearInterval(sampler);
    await stack.stop();
  }
}

/** Stores `run` under its label and rebuilds the Markdown table and the RSS chart from every run. */
function writeResults(run: RunResult | undefined): void {
  const stored = fs.existsSync(JSON_FILE)
    ? (JSON.parse(fs.readFileSync(JSON_FILE, 'utf8')) as { runs?: RunResult[] })
    : {};
  const kept = (stored.runs ?? []).filter((r) => r.label !== run?.label);
  const runs = run ? [...kept, run] : kept;
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(
    JSON_FILE,
    `${JSON.stringify({ benchmark: 'waiting-conversations', machine: describeMachine(), runs }, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(RESULTS, 'waiting-conversations.svg'), renderChart(runs));
  fs.writeFileSync(path.join(RESULTS, 'waiting-conversations.md'), renderTable(runs));
}

/** Worker RSS against waiting conversations, one line per run, read at each thousand waiting. */
function renderChart(runs: RunResult[]): string {
  const max = Math.max(...runs.map((r) => r.conversations));
  const ticks = Array.from({ length: Math.ceil(max / 1000) + 1 }, (_, i) => i * 1000);
  const colors = ['#2ca02c', '#1f77b4', '#d62728', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2'];
  return renderLineChart({
    title: 'Worker RSS vs waiting conversations',
    subtitle: [...new Set(runs.map((r) => renderTemporalServer(r.temporal)))].join('; '),
    xLabel: 'waiting conversations',
    xTicks: ticks.map(String),
    leftUnit: 'worker RSS MB',
    lines: runs.map((r, i) => ({
      name: r.label,
      values: ticks.map((t) => r.samples.find((s) => s.waiting >= t)?.workerRssMb ?? Number.NaN),
      axis: 'left' as const,
      color: colors[i % colors.length] as string,
    })),
  });
}

function renderTable(runs: RunResult[]): string {
  const cell = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value);
  return [
    '# Waiting conversations per worker',
    '',
    'Worker in its own process (`worker/main.ts`), a Temporal dev server of its own (in memory), embedded',
    'PostgreSQL, starts from a separate client process; RSS is the worker process only (/proc, every 2 s);',
    "temporal RSS is the dev server process, which holds every run's history in memory. Each row names the",
    'Temporal server it ran on; reproduce it with its command. Raw samples (RSS, main-thread heap, cached',
    'runs over time) in waiting-conversations.json. Figures measured on the retired FlowBot emulator are in',
    'history/emulator/.',
    '',
    '| run | cache | wf task slots | conversations | all waiting after | idle RSS | RSS at 1k / 2k / 5k / 10k waiting | settled RSS | peak RSS | main heap | temporal RSS | evicted answered → moved on | load avg | Temporal |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs
      .map((r) =>
        [
          r.label,
          r.worker.maxCachedWorkflows,
          r.worker.maxConcurrentWorkflowTaskExecutions,
          r.conversations,
          r.allWaitingAfterS === null ? 'not reached' : `${r.allWaitingAfterS} s`,
          `${r.idleWorkerRssMb} MB`,
          MILESTONES.map((m) => cell(r.rssAtWaitingMb[String(m)])).join(' / '),
          `${r.settledRssMb} MB`,
          `${r.peakRssMb} MB`,
          `${cell(r.settledHeapUsedMb)} MB`,
          `${r.temporalRssMb} MB`,
          r.evictedRepliesContinued,
          `${r.loadAverage.before[0]} → ${r.loadAverage.after[0]}`,
          renderTemporalServer(r.temporal),
        ].join(' | '),
      )
      .map((row) => `| ${row} |`),
    '',
    '![Worker RSS vs waiting conversations](waiting-conversations.svg)',
    '',
    'Commands:',
    '',
    ...runs.map((r) => `- ${r.label}: \`${r.command}\``),
    '',
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
