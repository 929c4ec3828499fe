/**
 * End-to-end benchmark of the Temporal emulator: client, worker and emulator (as its executable, in a
 * child process) on one machine. Measures one-activity workflow throughput and signal-to-activity
 * latency of a waiting workflow. Writes bench/results/emulator.{json,md}.
 *
 *   npx tsx bench/emulator-throughput.ts [runs=2000]
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { addSignal, finishSignal } from '../test/emulator/workflows/definitions';
import type * as wf from '../test/emulator/workflows';

const RUNS = Number(process.argv[2] ?? 2_000);
const CONCURRENCY = 200;
const LATENCY_SAMPLES = 300;
const EMULATOR = path.resolve(__dirname, '../emulator/bin/temporal-emulator');

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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  Runtime.install({ logger: new (await import('@temporalio/worker')).DefaultLogger('WARN') });
  const port = await freePort();
  const emulator = spawn(EMULATOR, ['server', 'start-dev', '--port', String(port), '--ip', '127.0.0.1'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
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

    // Warm-up: bundle loaded, connections open, JIT warm.
    await Promise.all(
      Array.from({ length: 50 }, () =>
        client.workflow.execute<typeof wf.oneActivityWorkflow>('oneActivityWorkflow', {
          taskQueue,
          workflowId: randomUUID(),
          args: ['warm'],
        }),
      ),
    );

    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < RUNS) {
          next++;
          await client.workflow.execute<typeof wf.oneActivityWorkflow>('oneActivityWorkflow', {
            taskQueue,
            workflowId: randomUUID(),
            args: ['x'],
          });
        }
      }),
    );
    const elapsedMs = performance.now() - t0;
    const runsPerSecond = RUNS / (elapsedMs / 1000);

    const handle = await client.workflow.start<typeof wf.signalActivityLoopWorkflow>(
      'signalActivityLoopWorkflow',
      {
        taskQueue,
        workflowId: randomUUID(),
      },
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
    latencies.sort((a, b) => a - b);

    worker.shutdown();
    await running;
    await nativeConnection.close();
    await connection.close();

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      setup:
        'emulator executable (child process) + @temporalio/client + @temporalio/worker 1.24.0 in this process',
      throughput: {
        runs: RUNS,
        concurrency: CONCURRENCY,
        elapsedMs: Math.round(elapsedMs),
        runsPerSecond: Math.round(runsPerSecond),
      },
      signalToActivityLatencyMs: {
        samples: latencies.length,
        p50: Number(percentile(latencies, 50).toFixed(2)),
        p99: Number(percentile(latencies, 99).toFixed(2)),
        max: Number(latencies[latencies.length - 1].toFixed(2)),
      },
    };
    const outDir = path.resolve(__dirname, 'results');
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'emulator.json'), JSON.stringify(results, null, 2) + '\n');
    fs.writeFileSync(
      path.join(outDir, 'emulator.md'),
      [
        '# Temporal emulator benchmark',
        '',
        `${results.date} — ${results.machine.cpus} CPUs (${results.machine.model}), Node ${results.machine.node}. ${results.setup}.`,
        '',
        '| metric | value |',
        '|---|---|',
        `| one-activity workflow throughput (${RUNS} runs, ${CONCURRENCY} in flight) | ${results.throughput.runsPerSecond} runs/s |`,
        `| signal → activity start latency p50 | ${results.signalToActivityLatencyMs.p50} ms |`,
        `| signal → activity start latency p99 | ${results.signalToActivityLatencyMs.p99} ms |`,
        '',
      ].join('\n'),
    );
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } finally {
    emulator.kill('SIGKILL');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
