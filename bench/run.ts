/**
 * `npm run bench [-- --quick] [-- --only=id,id] [-- --profile] [-- --cache=N] [-- --topology=production] [-- --process=one]`: runs every benchmark, each on a
 * fresh stack (embedded PostgreSQL, the Temporal dev server, worker and API as processes, fakes on
 * loopback) so one benchmark's leftover conversations never weigh on the next, and writes
 * bench/results/{latest.json,summary.md,<id>.svg} (quick mode: quick-*.json/md, no README update).
 * `--profile` runs the API and worker under `node --cpu-prof`; the profiles stay in the run folder.
 * `--topology=production` runs each stack on the Temporal server compose runs (built from
 * go.temporal.io/server, on PostgreSQL, deploy/temporal's configuration) instead of the dev server;
 * its files are prefixed `production-` and never replace the dev-server figures.
 * `--process=one` runs the API and the worker in one process, as `npm start` does (scripts/start.ts),
 * instead of two; its files are prefixed `one-process-`.
 * Benchmarks marked `baseline` also run the bare-Temporal baseline (bench/bare-temporal) on the same
 * server, level by level, and report their figures as ratios to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import type { Benchmark } from './bench-context';
import type { BenchResult } from './bench-result';
import { leadIntakeBenchmark } from './benchmarks/lead-intake';
import { outboundFirstMessageBenchmark } from './benchmarks/outbound-first-message';
import { replyTurnaroundBenchmark } from './benchmarks/reply-turnaround';
import { sustainedSendingBenchmark } from './benchmarks/sustained-sending';
import { waitingConversationsBenchmark } from './benchmarks/waiting-conversations';
import { webhookIngestBenchmark } from './benchmarks/webhook-ingest';
import {
  componentReplyTurnaroundBenchmark,
  componentWaitingConversationsBenchmark,
} from './benchmarks/component-benchmarks';
import { createTemporaryDirectory } from '../platform/embedded-postgres';
import { describeMachine, readLoadAverage } from './machine';
import {
  renderMachineLine,
  renderSummary,
  renderTargetsTable,
  renderTemporalLine,
  type BenchRun,
} from './report/markdown';
import { renderSeriesChart } from './report/series-chart';
import { renderProfileSummary, summarizeCpuProfile } from './profile-summary';
import { startBenchStack, type BenchStack, type ProcessShape } from './stack';
import { measureBenchmark } from './measure';
import { renderTemporalServer, type TemporalServerInfo } from './temporal-server';
import { readFlag } from './command-line';

const BENCHMARKS: Benchmark[] = [
  webhookIngestBenchmark,
  leadIntakeBenchmark,
  outboundFirstMessageBenchmark,
  replyTurnaroundBenchmark,
  sustainedSendingBenchmark,
  waitingConversationsBenchmark,
  componentReplyTurnaroundBenchmark,
  componentWaitingConversationsBenchmark,
];

const RESULTS_DIR = path.join(__dirname, 'results');
const README = path.join(__dirname, '..', 'README.md');
const README_START = '<!-- bench:results:start -->';
const README_END = '<!-- bench:results:end -->';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const profile = args.includes('--profile');
  const only = args
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  // An experiment, not a product setting: the worker's workflow cache size (bench/cache-sized-worker.ts).
  const cacheArg = args.find((arg) => arg.startsWith('--cache='));
  const maxCachedWorkflows = cacheArg ? Number(cacheArg.slice('--cache='.length)) : undefined;
  const topology = args.includes('--topology=production') ? 'production' : 'dev-server';
  const processShape: ProcessShape = readFlag('process', args) === 'one' ? 'one' : 'separate';
  const selected = BENCHMARKS.filter((benchmark) =>
    only ? only.includes(benchmark.id) : !benchmark.optional,
  );
  const runDir = createTemporaryDirectory('flowbot-bench-');
  const log = (message: string) => process.stdout.write(`${message}\n`);
  log(
    `FlowBot benchmarks (${quick ? 'quick' : 'full'}), state and logs in ${runDir}, load ${readLoadAverage().join(' ')}`,
  );

  const startedAt = new Date().toISOString();
  const results: BenchResult[] = [];
  const report = (result: BenchResult) => {
    results.push(result);
    log(`  ${result.status}${result.reason ? `: ${result.reason}` : ''} ${JSON.stringify(result.metrics)}`);
  };
  for (const benchmark of selected) {
    log(`▶ ${benchmark.title}`);
    if (benchmark.ownStack) {
      report(await benchmark.run({ quick, log }));
      continue;
    }
    const directory = path.join(runDir, benchmark.id);
    let bench: BenchStack;
    try {
      bench = await startBenchStack({
        directory,
        profile,
        maxCachedWorkflows,
        topology,
        processShape,
        bareTemporal: benchmark.baseline ?? false,
      });
    } catch (error) {
      // A stack that does not come up (e.g. a Temporal server missing its start-up deadline on a busy
      // machine) fails this benchmark only; the next one gets a stack of its own.
      const reason = `the stack did not start: ${error instanceof Error ? error.message : String(error)}`;
      report(await measureBenchmark(benchmark.id, benchmark.title, () => Promise.reject(new Error(reason))));
      continue;
    }
    try {
      const result = await benchmark.run({ ...bench, quick, log });
      result.temporal = bench.temporalServer;
      if (maxCachedWorkflows)
        result.notes.push(`Worker run with maxCachedWorkflows = ${maxCachedWorkflows} (experiment).`);
      if (processShape === 'one')
        result.notes.push('API and worker in one process (scripts/start.ts, as `npm start` runs them).');
      report(result);
    } finally {
      await bench.stack.stop();
    }
    if (profile) writeProfiles(benchmark.id, path.join(directory, 'profiles'), quick, results.at(-1));
  }

  const run: BenchRun = {
    startedAt,
    quick,
    machine: describeMachine(),
    temporal: distinctServers(results),
    results,
  };
  const experiment = `${topology === 'production' ? 'production-' : ''}${processShape === 'one' ? 'one-process-' : ''}${maxCachedWorkflows ? `cache${maxCachedWorkflows}-` : ''}`;
  await writeResults(run, only !== undefined, experiment);
  log(`\n${renderTargetsTable(run)}\n`);
  if (profile) log(`CPU profiles kept in ${runDir}/*/profiles`);
  else if (results.some((result) => result.status === 'failed'))
    log(`A benchmark failed: its stack's logs (temporal.log, api.log, worker-*.log) are kept in ${runDir}`);
  else fs.rmSync(runDir, { recursive: true, force: true });
}

/** The Temporal servers the results ran on, each named once (one per benchmark, normally all alike). */
function distinctServers(results: BenchResult[]): TemporalServerInfo[] {
  const byName = new Map<string, TemporalServerInfo>();
  for (const { temporal } of results) if (temporal) byName.set(renderTemporalServer(temporal), temporal);
  return [...byName.values()];
}

/**
 * Summarises the API's and worker's CPU profiles of one benchmark into
 * bench/results/[quick-]profile-<id>.md and points the result's notes at it.
 */
function writeProfiles(id: string, folder: string, quick: boolean, result: BenchResult | undefined): void {
  if (!fs.existsSync(folder)) return;
  // folder/<process>/CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; threads that only idled are left out.
  const sections = fs
    .readdirSync(folder)
    .flatMap((processName) =>
      fs
        .readdirSync(path.join(folder, processName))
        .filter((file) => file.endsWith('.cpuprofile'))
        .map((file) => ({
          title: `${processName}, thread ${file.split('.').at(-3)}`,
          summary: summarizeCpuProfile(path.join(folder, processName, file)),
        })),
    )
    .filter(({ summary }) => summary.busyMs >= 200)
    .sort((a, b) => b.summary.busyMs - a.summary.busyMs)
    .map(({ title, summary }) => renderProfileSummary(title, summary));
  if (sections.length === 0) return;
  const file = `${quick ? 'quick-' : ''}profile-${id}.md`;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, file),
    [
      `# CPU profiles: ${result?.title ?? id}`,
      '',
      'Self time by area, then the hottest functions (`node --cpu-prof`, whole run of the benchmark).',
      '',
      ...sections,
    ].join('\n'),
  );
  result?.notes.push(`CPU profiles of the API and worker: [${file}](${file}).`);
}

/** Writes JSON, the Markdown summary and one SVG per series; the README table after a full run of all. */
async function writeResults(run: BenchRun, partial: boolean, experiment: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  // Partial and experimental runs never overwrite the charts the full run's summary links to.
  const prefix = `${experiment}${run.quick ? 'quick-' : ''}${partial ? 'partial-' : ''}`;
  const charts: Record<string, string> = {};
  for (const result of run.results) {
    if (!result.series) continue;
    // "chart-" keeps these apart from the component benchmarks' own files (e.g. waiting-conversations.svg).
    const file = `${prefix}chart-${result.id}.svg`;
    fs.writeFileSync(path.join(RESULTS_DIR, file), renderSeriesChart(result, result.series));
    charts[result.id] = file;
  }
  const jsonFile = `${partial ? `${prefix}results` : `${prefix}latest`}.json`;
  fs.writeFileSync(path.join(RESULTS_DIR, jsonFile), `${JSON.stringify(run, null, 2)}\n`);
  fs.writeFileSync(path.join(RESULTS_DIR, `${prefix}summary.md`), renderSummary(run, charts, jsonFile));
  if (!run.quick && !partial && !experiment) await updateReadme(run);
}

/** Replaces the README's results section (between its markers) with this run's targets table. */
async function updateReadme(run: BenchRun): Promise<void> {
  const text = fs.readFileSync(README, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return;
  const section = [
    README_START,
    `Latest \`npm run bench\` on ${renderMachineLine(run)} ${renderTemporalLine(run)} Load averages before and after each benchmark are in the table (high ones mean the machine was shared); details and charts in [bench/results/summary.md](bench/results/summary.md).`,
    '',
    renderTargetsTable(run),
    README_END,
  ].join('\n');
  const updated = text.slice(0, start) + section + text.slice(end + README_END.length);
  // Formatted like the rest of the README, so `npm run lint` (prettier --check) stays green.
  const options = { ...(await prettier.resolveConfig(README)), filepath: README };
  fs.writeFileSync(README, await prettier.format(updated, options));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
