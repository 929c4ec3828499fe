/**
 * End-to-end benchmark of the Temporal emulator: client, worker and emulator (as its executable, in a
 * child process) on one machine. Measures one-activity workflow throughput (and per-run latency) and
 * signal-to-activity latency of a waiting workflow, with the machine's load average and the CPU time
 * spent by the emulator versus this process (client + worker). Writes bench/results/emulator.{json,md}.
 *
 *   npx tsx bench/emulator-throughput.ts [runs=2000]
 *   EMULATOR_CPU_PROF=/tmp/prof npx tsx bench/emulator-throughput.ts   # also a .cpuprofile of the emulator
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { addSignal, finishSignal } from '../test/emulator/workflows/definitions';
import type * as wf from '../test/emulator/workflows';

const RUNS = Number(process.argv[2] ?? 2_000);
const CONCURRENCY = 200;
const LATENCY_SAMPLES = 300;
const ROOT = path.resolve(__dirname, '..');
const PROFILE_DIR = process.env.EMULATOR_CPU_PROF;
/** Linux USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const CLOCK_TICKS_PER_SECOND = 100;

async function freePort(): Promise<number> {
  return await new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function connectWithRetry(address: string): Promise<Connection> {
  for (let i = 0; ; i++) {
    try {
      return await Connection.connect({ address, connectTimeout: 1_000 });
    } catch (err) {
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The emulator as `emulator/bin/temporal-emulator` runs it (node + tsx loader), started directly so
 * `--cpu-prof` can be added; the profile is written when it exits on SIGTERM.
 */
function spawnEmulator(port: number): ChildProcess {
  const profile = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  const loader = `file://${ROOT}/node_modules/tsx/dist/loader.mjs`;
  return spawn(
    process.execPath,
    [...profile, '--import', loader, path.join(ROOT, 'emulator/main.ts')].concat([
      'server',
      'start-dev',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
    ]),
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

/** User + system CPU ms of another process, from /proc (Linux); NaN when unreadable. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** CPU ms of this process, every thread (client, worker's Rust core and workflow threads). */
function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function loadAverage(): number[] {
  return os.loadavg().map((v) => Math.round(v * 100) / 100);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples: number[]): { samples: number; p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (v: number) => Number(v.toFixed(2));
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/** CPU used between two readings, as ms and as a share of the wall time (1.0 = one full core). */
function cpuShare(fromMs: number, toMs: number, wallMs: number): { ms: number; cores: number } {
  return { ms: Math.round(toMs - fromMs), cores: Number(((toMs - fromMs) / wallMs).toFixed(2)) };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const port = await freePort();
  const emulator = spawnEmulator(port);
  const address = `127.0.0.1:${port}`;
  try {
    const connection = await connectWithRetry(address);
    const client = new Client({ connection });
    const taskQueue = `bench-${randomUUID()}`;
    const activityStarted = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    const nativeConnection = await NativeConnection.connect({ address });
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../test/emulator/workflows'),
      activities: {
        echo: async (v: string) => {
          activityStarted.set(v, performance.now());
          waiters.get(v)?.();
          return v;
        },
      },
      maxConcurrentWorkflowTaskExecutions: 100,
      maxConcurrentActivityTaskExecutions: 200,
    });
    const running = worker.run();
    const execute = () =>
      client.workflow.execute<typeof wf.oneActivityWorkflow>('oneActivityWorkflow', {
        taskQueue,
        workflowId: randomUUID(),
        args: ['x'],
      });

    // Warm-up: bundle loaded, connections open, JIT warm.
    await Promise.all(Array.from({ length: 50 }, execute));

    const loadBefore = loadAverage();
    const emulatorCpu0 = processCpuMs(emulator.pid);
    const ownCpu0 = ownCpuMs();
    const runLatencies: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < RUNS) {
          next++;
          const startedAt = performance.now();
          await execute();
          runLatencies.push(performance.now() - startedAt);
        }
      }),
    );
    const elapsedMs = performance.now() - t0;
    const emulatorCpu = cpuShare(emulatorCpu0, processCpuMs(emulator.pid), elapsedMs);
    const clientWorkerCpu = cpuShare(ownCpu0, ownCpuMs(), elapsedMs);
    const loadAfter = loadAverage();

    const handle = await client.workflow.start<typeof wf.signalActivityLoopWorkflow>(
      'signalActivityLoopWorkflow',
      { taskQueue, workflowId: randomUUID() },
    );
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const key = `item-${i}`;
      const reached = new Promise<void>((resolve) => waiters.set(key, resolve));
      const sentAt = performance.now();
      await handle.signal(addSignal, i);
      await reached;
      waiters.delete(key);
      latencies.push((activityStarted.get(key) as number) - sentAt);
      await new Promise((r) => setTimeout(r, 2));
    }
    await handle.signal(finishSignal);
    await handle.result();

    worker.shutdown();
    await running;
    await nativeConnection.close();
    await connection.close();

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      setup:
        'emulator executable (child process) + @temporalio/client + @temporalio/worker 1.24.0 in this process',
      loadAverage: { before: loadBefore, after: loadAfter, note: '1/5/15-minute load averages' },
      throughput: {
        runs: RUNS,
        concurrency: CONCURRENCY,
        elapsedMs: Math.round(elapsedMs),
        runsPerSecond: Math.round(RUNS / (elapsedMs / 1000)),
        runLatencyMs: summary(runLatencies),
        cpu: {
          emulator: emulatorCpu,
          clientAndWorker: clientWorkerCpu,
          emulatorMsPerRun: Number((emulatorCpu.ms / RUNS).toFixed(3)),
          clientAndWorkerMsPerRun: Number((clientWorkerCpu.ms / RUNS).toFixed(3)),
        },
      },
      signalToActivityLatencyMs: summary(latencies),
    };
    writeResults(results);
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } finally {
    // SIGTERM lets the emulator write its CPU profile; SIGKILL otherwise (nothing to flush).
    emulator.kill(PROFILE_DIR ? 'SIGTERM' : 'SIGKILL');
    await new Promise((r) => emulator.once('exit', r));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function writeResults(results: Record<string, any>): void {
  const t = results.throughput;
  const outDir = path.resolve(__dirname, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'emulator.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(
    path.join(outDir, 'emulator.md'),
    [
      '# Temporal emulator benchmark',
      '',
      `${results.date} — ${results.machine.cpus} CPUs (${results.machine.model}), Node ${results.machine.node}. ${results.setup}.`,
      `Load average (1/5/15 min) before the throughput phase: ${results.loadAverage.before.join(' / ')}, after: ${results.loadAverage.after.join(' / ')}.`,
      '',
      '| metric | value |',
      '|---|---|',
      `| one-activity workflow throughput (${t.runs} runs, ${t.concurrency} in flight) | ${t.runsPerSecond} runs/s |`,
      `| run latency (start → result, ${t.concurrency} in flight) p50 / p99 | ${t.runLatencyMs.p50} / ${t.runLatencyMs.p99} ms |`,
      `| CPU during the throughput phase: emulator | ${t.cpu.emulator.ms} ms (${t.cpu.emulator.cores} cores, ${t.cpu.emulatorMsPerRun} ms/run) |`,
      `| CPU during the throughput phase: client + worker | ${t.cpu.clientAndWorker.ms} ms (${t.cpu.clientAndWorker.cores} cores, ${t.cpu.clientAndWorkerMsPerRun} ms/run) |`,
      `| signal → activity start latency p50 | ${results.signalToActivityLatencyMs.p50} ms |`,
      `| signal → activity start latency p99 | ${results.signalToActivityLatencyMs.p99} ms |`,
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
