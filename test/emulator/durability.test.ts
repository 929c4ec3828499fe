import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { connectClient, runWorker, spawnEmulatorProcess, spawnWorkerProcess, waitFor } from './processes';
import { addSignal, countQuery, finishSignal } from './workflows/definitions';
import type * as wf from './workflows';

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

  it('signals acknowledged right before the emulator is SIGKILLed survive the restart (journal)', async () => {
    const dbFilename = path.join(dir, 'killed.json');
    const taskQueue = `journal-${randomUUID()}`;
    const workflowId = randomUUID();
    const first = await spawnEmulatorProcess(dbFilename);
    const before = await connectClient(first.address);
    try {
      // No worker yet: everything below exists only in the emulator's state when it is killed.
      const handle = await before.client.workflow.start<typeof wf.collectSignalsWorkflow>(
        'collectSignalsWorkflow',
        { taskQueue, workflowId, args: [20] },
      );
      for (let i = 0; i < 20; i++) await handle.signal(addSignal, i);
    } finally {
      // Within a millisecond of the last acknowledgement: well inside the snapshot delay.
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      await before.close();
    }
    const second = await spawnEmulatorProcess(dbFilename);
    const after = await connectClient(second.address);
    try {
      const handle = after.client.workflow.getHandle<typeof wf.collectSignalsWorkflow>(workflowId);
      const { events } = await handle.fetchHistory();
      const signaled = (events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes);
      assert.equal(signaled.length, 20, 'every acknowledged signal is in the restored history');
      const worker = await runWorker(second.address, taskQueue);
      try {
        assert.deepEqual(
          await handle.result(),
          Array.from({ length: 20 }, (_, i) => i),
        );
      } finally {
        await worker.stop();
      }
    } finally {
      await after.close();
      second.child.kill('SIGKILL');
    }
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
