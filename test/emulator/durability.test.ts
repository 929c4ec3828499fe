import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { ConformanceActivities } from './workflows/activities';
import { addSignal, countQuery, finishSignal } from './workflows/definitions';
import type * as wf from './workflows';

const activities: Partial<ConformanceActivities> = { echo: async (v) => v };

async function connectClient(address: string): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection }), close: () => connection.close() };
}

async function runWorker(address: string, taskQueue: string): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities,
  });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

function spawnWorkerProcess(address: string, taskQueue: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'worker-process.ts'), address, taskQueue],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('emulator durability (real time)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-durability-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a run survives an emulator restart with persistence and completes afterwards', async () => {
    const dbFilename = path.join(dir, 'state.json');
    const taskQueue = `persist-${randomUUID()}`;
    let emulator: RunningEmulator = await startEmulator({ dbFilename });
    let { client, close } = await connectClient(emulator.address);
    let worker = await runWorker(emulator.address, taskQueue);
    const workflowId = randomUUID();
    const handle = await client.workflow.start<typeof wf.signalActivityLoopWorkflow>(
      'signalActivityLoopWorkflow',
      {
        taskQueue,
        workflowId,
      },
    );
    await handle.signal(addSignal, 1);
    await waitFor(async () => (await handle.query(countQuery)) === 1, 10_000);
    await worker.stop();
    await close();
    await emulator.stop();

    emulator = await startEmulator({ dbFilename, port: 0 });
    ({ client, close } = await connectClient(emulator.address));
    worker = await runWorker(emulator.address, taskQueue);
    const resumed = client.workflow.getHandle(workflowId);
    await resumed.signal(addSignal, 2);
    await resumed.signal(finishSignal);
    assert.deepEqual(await resumed.result(), ['item-1', 'item-2']);
    await worker.stop();
    await close();
    await emulator.stop();
  });

  it('a worker killed with SIGKILL mid-run is replaced by a new worker that finishes by replay', async () => {
    const emulator = await startEmulator({});
    const { client, close } = await connectClient(emulator.address);
    const taskQueue = `sigkill-${randomUUID()}`;
    const child = spawnWorkerProcess(emulator.address, taskQueue);
    try {
      const handle = await client.workflow.start<typeof wf.signalActivityLoopWorkflow>(
        'signalActivityLoopWorkflow',
        {
          taskQueue,
          workflowId: randomUUID(),
        },
      );
      await handle.signal(addSignal, 1);
      await waitFor(async () => (await handle.query(countQuery)) === 1, 20_000);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const worker = await runWorker(emulator.address, taskQueue);
      const started = Date.now();
      await handle.signal(addSignal, 2);
      await handle.signal(finishSignal);
      assert.deepEqual(await handle.result(), ['item-1', 'item-2']);
      assert.ok(Date.now() - started < 5_000, `sticky fallback stalled ${Date.now() - started} ms`);
      await worker.stop();
    } finally {
      child.kill('SIGKILL');
      await close();
      await emulator.stop();
    }
  });

  it('1,000 signals to one run arrive exactly once (none lost, none duplicated)', async () => {
    const emulator = await startEmulator({});
    const { client, close } = await connectClient(emulator.address);
    const taskQueue = `signals-${randomUUID()}`;
    const worker = await runWorker(emulator.address, taskQueue);
    try {
      const handle = await client.workflow.start<typeof wf.collectSignalsWorkflow>('collectSignalsWorkflow', {
        taskQueue,
        workflowId: randomUUID(),
        args: [1_000],
      });
      for (let batch = 0; batch < 10; batch++) {
        await Promise.all(Array.from({ length: 100 }, (_, i) => handle.signal(addSignal, batch * 100 + i)));
      }
      const values = await handle.result();
      assert.equal(values.length, 1_000);
      assert.deepEqual(
        [...values].sort((a, b) => a - b),
        Array.from({ length: 1_000 }, (_, i) => i),
      );
    } finally {
      await worker.stop();
      await close();
      await emulator.stop();
    }
  });
});
