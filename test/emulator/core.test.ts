import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTemporalTestEnv } from '../support/temporal-env';
import type { ConformanceActivities } from './workflows/activities';
import { addSignal, countQuery, finishSignal } from './workflows/definitions';
import type * as wf from './workflows';

const taskQueue = `core-${randomUUID()}`;
const flakyCalls = new Map<string, number>();

const activities: ConformanceActivities = {
  echo: async (value) => value,
  flaky: async (failTimes) => {
    const key = String(failTimes);
    const n = (flakyCalls.get(key) ?? 0) + 1;
    flakyCalls.set(key, n);
    if (n <= failTimes) throw new Error(`flaky attempt ${n}`);
    return n;
  },
  failHard: async () => {
    throw ApplicationFailure.create({ message: 'hard', type: 'HardError' });
  },
  resumable: async () => 'unused',
  waitForCancel: async () => 'unused',
  sleepy: async () => 'unused',
  signalOwnWorkflow: async () => undefined,
};

describe('emulator core (time skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;

  before(async () => {
    env = await createTemporalTestEnv();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
      activities,
    });
    running = worker.run();
  });

  after(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('runs a one-activity workflow to completion', async () => {
    const result = await env.client.workflow.execute<typeof wf.oneActivityWorkflow>('oneActivityWorkflow', {
      taskQueue,
      workflowId: randomUUID(),
      args: ['hello'],
    });
    assert.equal(result, 'hello');
  });

  it('completes a 30-day timer in well under a second of wall time', async () => {
    const started = Date.now();
    const slept = await env.client.workflow.execute<typeof wf.timerWorkflow>('timerWorkflow', {
      taskQueue,
      workflowId: randomUUID(),
      args: [30 * 24 * 3600 * 1000],
    });
    assert.ok(slept >= 30 * 24 * 3600 * 1000, `workflow clock advanced ${slept} ms`);
    assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
  });

  it('delivers signals and answers queries', async () => {
    const handle = await env.client.workflow.start<typeof wf.signalQueryWorkflow>('signalQueryWorkflow', {
      taskQueue,
      workflowId: randomUUID(),
    });
    await handle.signal(addSignal, 1);
    await handle.signal(addSignal, 2);
    assert.equal(await handle.query(countQuery), 2);
    await handle.signal(finishSignal);
    assert.deepEqual(await handle.result(), [1, 2]);
    assert.equal(await handle.query(countQuery), 2, 'a closed run can still be queried');
  });

  it('retries an activity to success', async () => {
    assert.equal(
      await env.client.workflow.execute<typeof wf.retryActivityWorkflow>('retryActivityWorkflow', {
        taskQueue,
        workflowId: randomUUID(),
        args: [2],
      }),
      3,
    );
  });

  it('fails an activity with a non-retryable error type without retrying', async () => {
    const err = await env.client.workflow
      .execute<typeof wf.nonRetryableWorkflow>('nonRetryableWorkflow', {
        taskQueue,
        workflowId: randomUUID(),
      })
      .catch((e: unknown) => e);
    assert.ok(err instanceof WorkflowFailedError);
    const cause = err.cause as { cause?: { type?: string } } | undefined;
    assert.equal(cause?.cause?.type, 'HardError');
  });

  it('continues as new and the client follows the new run', async () => {
    assert.equal(
      await env.client.workflow.execute<typeof wf.continueAsNewWorkflow>('continueAsNewWorkflow', {
        taskQueue,
        workflowId: randomUUID(),
        args: [3],
      }),
      4,
    );
  });
});
