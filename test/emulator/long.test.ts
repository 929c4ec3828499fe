import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator } from '../../emulator';
import { connectClient, runWorker, spawnEmulatorProcess, spawnWorkerProcess, waitFor } from './processes';
import { addSignal, countQuery, finishSignal } from './workflows/definitions';
import type * as wf from './workflows';

/** Long variants of the durability tests: minutes, not seconds, so only with FLOWBOT_FULL_TESTS=1. */
const skip = process.env.FLOWBOT_FULL_TESTS !== '1' && 'set FLOWBOT_FULL_TESTS=1 to run the long variants';

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe('emulator long variants (real time, FLOWBOT_FULL_TESTS=1)', { skip }, () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-long-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('10,000 signals to one run arrive exactly once', { timeout: 240_000 }, async () => {
    const emulator = await startEmulator({});
    const { client, close } = await connectClient(emulator.address);
    const taskQueue = `signals-${randomUUID()}`;
    const worker = await runWorker(emulator.address, taskQueue);
    try {
      const handle = await client.workflow.start<typeof wf.collectSignalsWorkflow>('collectSignalsWorkflow', {
        taskQueue,
        workflowId: randomUUID(),
        args: [10_000],
      });
      for (let batch = 0; batch < 50; batch++) {
        await Promise.all(Array.from({ length: 200 }, (_, i) => handle.signal(addSignal, batch * 200 + i)));
      }
      const values = await handle.result();
      assert.equal(values.length, 10_000);
      assert.deepEqual(
        [...values].sort((a, b) => a - b),
        Array.from({ length: 10_000 }, (_, i) => i),
      );
    } finally {
      await worker.stop();
      await close();
      await emulator.stop();
    }
  });

  it('3,000 one-activity runs, 500 in flight, all complete', { timeout: 240_000 }, async () => {
    const emulator = await startEmulator({});
    const { client, close } = await connectClient(emulator.address);
    const taskQueue = `many-${randomUUID()}`;
    const worker = await runWorker(emulator.address, taskQueue);
    try {
      let next = 0;
      const results = new Map<number, string>();
      await Promise.all(
        Array.from({ length: 500 }, async () => {
          while (next < 3_000) {
            const n = next++;
            const result = await client.workflow.execute<typeof wf.oneActivityWorkflow>(
              'oneActivityWorkflow',
              {
                taskQueue,
                workflowId: `many-${n}-${randomUUID()}`,
                args: [`run-${n}`],
              },
            );
            results.set(n, result);
          }
        }),
      );
      assert.equal(results.size, 3_000);
      for (const [n, result] of results) assert.equal(result, `run-${n}`);
      const { count } = await client.workflow.count(
        `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Completed'`,
      );
      assert.equal(count, 3_000);
    } finally {
      await worker.stop();
      await close();
      await emulator.stop();
    }
  });

  it('a run survives 5 worker SIGKILLs, each replaced by a new worker', { timeout: 240_000 }, async () => {
    const emulator = await startEmulator({});
    const { client, close } = await connectClient(emulator.address);
    const taskQueue = `kills-${randomUUID()}`;
    let child = spawnWorkerProcess(emulator.address, taskQueue);
    try {
      const handle = await client.workflow.start<typeof wf.signalActivityLoopWorkflow>(
        'signalActivityLoopWorkflow',
        { taskQueue, workflowId: randomUUID() },
      );
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 10; i++) await handle.signal(addSignal, round * 10 + i);
        await waitFor(async () => (await handle.query(countQuery)) === (round + 1) * 10, 60_000);
        await kill(child);
        child = spawnWorkerProcess(emulator.address, taskQueue);
      }
      await handle.signal(finishSignal);
      assert.deepEqual(
        await handle.result(),
        Array.from({ length: 50 }, (_, i) => `item-${i}`),
      );
    } finally {
      await kill(child);
      await close();
      await emulator.stop();
    }
  });

  it('signals survive 5 emulator SIGKILLs while a worker makes progress', { timeout: 240_000 }, async () => {
    const dbFilename = path.join(dir, 'repeated-kills.json');
    const taskQueue = `emulator-kills-${randomUUID()}`;
    const workflowId = randomUUID();
    for (let round = 0; round < 5; round++) {
      const emulator = await spawnEmulatorProcess(dbFilename);
      const worker = spawnWorkerProcess(emulator.address, taskQueue);
      const { client, close } = await connectClient(emulator.address);
      try {
        if (round === 0) {
          await client.workflow.start<typeof wf.signalActivityLoopWorkflow>('signalActivityLoopWorkflow', {
            taskQueue,
            workflowId,
          });
        }
        const handle = client.workflow.getHandle(workflowId);
        for (let i = 0; i < 20; i++) await handle.signal(addSignal, round * 20 + i);
      } finally {
        // Right after the last acknowledgement, while the worker is mid-way through the activities.
        await kill(emulator.child);
        await kill(worker);
        await close();
      }
    }
    const emulator = await spawnEmulatorProcess(dbFilename);
    const { client, close } = await connectClient(emulator.address);
    const worker = await runWorker(emulator.address, taskQueue);
    try {
      const handle = client.workflow.getHandle<typeof wf.signalActivityLoopWorkflow>(workflowId);
      await handle.signal(finishSignal);
      assert.deepEqual(
        await handle.result(),
        Array.from({ length: 100 }, (_, i) => `item-${i}`),
      );
    } finally {
      await worker.stop();
      await close();
      await kill(emulator.child);
    }
  });
});
