import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import {
  WorkflowExecutionAlreadyStartedError,
  defineSearchAttributeKey,
  SearchAttributeType,
} from '@temporalio/common';
import { CancelledFailure, Context } from '@temporalio/activity';
import { startConformanceEnv, type ConformanceEnv } from './conformance-env';
import { addSignal, countQuery, finishSignal } from './workflows/definitions';
import type * as wf from './workflows';

const FlowStage = defineSearchAttributeKey('FlowStage', SearchAttributeType.KEYWORD_LIST);
const heartbeatAttempts: unknown[] = [];

describe('emulator lifecycle semantics (time skipping)', () => {
  let c: ConformanceEnv;
  before(async () => {
    c = await startConformanceEnv({
      echo: async (v) => v,
      resumable: async () => {
        const ctx = Context.current();
        heartbeatAttempts.push(ctx.info.heartbeatDetails);
        if (ctx.info.attempt === 1) {
          ctx.heartbeat('checkpoint-1');
          // Stop heartbeating: the 500 ms heartbeat timeout fires and the activity is retried.
          await new Promise((r) => setTimeout(r, 1_500));
          return 'too late';
        }
        return `resumed from ${String(ctx.info.heartbeatDetails)}`;
      },
      waitForCancel: async () => {
        const ctx = Context.current();
        for (;;) {
          ctx.heartbeat();
          try {
            await ctx.sleep(50);
          } catch (err) {
            if (err instanceof CancelledFailure) throw err;
            throw err;
          }
        }
      },
      sleepy: async (ms) => {
        await new Promise((r) => setTimeout(r, ms));
        return 'slept';
      },
    });
  });
  after(async () => c.close());

  const start = <T extends Workflow>(type: string, args: Parameters<T>, id = randomUUID()) =>
    c.env.client.workflow.start<T>(type, { taskQueue: c.taskQueue, workflowId: id, args } as never);

  it('cancels a run; the workflow observes the cancellation and cleans up', async () => {
    const handle = await start<typeof wf.cancellableWorkflow>('cancellableWorkflow', []);
    await handle.cancel();
    const err = await handle.result().catch((e: unknown) => e);
    assert.ok(err instanceof WorkflowFailedError);
    assert.ok(err.cause instanceof CancelledFailure || (err.cause as Error)?.name === 'CancelledFailure');
    const { status } = await handle.describe();
    assert.equal(status.name, 'CANCELLED');
  });

  it('terminates a run', async () => {
    const handle = await start<typeof wf.signalQueryWorkflow>('signalQueryWorkflow', []);
    await handle.terminate('enough');
    const err = await handle.result().catch((e: unknown) => e);
    assert.ok(err instanceof WorkflowFailedError);
    assert.equal((await handle.describe()).status.name, 'TERMINATED');
  });

  it('rejects a duplicate start of an open run and honours conflict and reuse policies', async () => {
    const id = randomUUID();
    const first = await start<typeof wf.signalQueryWorkflow>('signalQueryWorkflow', [], id);
    await assert.rejects(
      start<typeof wf.signalQueryWorkflow>('signalQueryWorkflow', [], id),
      WorkflowExecutionAlreadyStartedError,
    );
    const existing = await c.env.client.workflow.start('signalQueryWorkflow', {
      taskQueue: c.taskQueue,
      workflowId: id,
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    assert.equal(existing.firstExecutionRunId, first.firstExecutionRunId);
    await first.signal(finishSignal);
    await first.result();
    await assert.rejects(
      c.env.client.workflow.start('signalQueryWorkflow', {
        taskQueue: c.taskQueue,
        workflowId: id,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
      WorkflowExecutionAlreadyStartedError,
    );
    await assert.rejects(
      c.env.client.workflow.start('signalQueryWorkflow', {
        taskQueue: c.taskQueue,
        workflowId: id,
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      }),
      WorkflowExecutionAlreadyStartedError,
    );
    const second = await c.env.client.workflow.start('signalQueryWorkflow', {
      taskQueue: c.taskQueue,
      workflowId: id,
    });
    assert.notEqual(second.firstExecutionRunId, first.firstExecutionRunId);
    const replaced = await c.env.client.workflow.start('signalQueryWorkflow', {
      taskQueue: c.taskQueue,
      workflowId: id,
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    });
    assert.equal(
      (await c.env.client.workflow.getHandle(id, second.firstExecutionRunId).describe()).status.name,
      'TERMINATED',
    );
    await replaced.terminate();
  });

  it('signal-with-start starts a run with the signal, then signals the open run', async () => {
    const id = randomUUID();
    const opts = { taskQueue: c.taskQueue, workflowId: id, signal: addSignal, signalArgs: [7] as [number] };
    const h1 = await c.env.client.workflow.signalWithStart('signalQueryWorkflow', opts);
    const h2 = await c.env.client.workflow.signalWithStart('signalQueryWorkflow', {
      ...opts,
      signalArgs: [8],
    });
    assert.equal(h1.signaledRunId, h2.signaledRunId);
    await h1.signal(finishSignal);
    assert.deepEqual(await h1.result(), [7, 8]);
  });

  it('stores memo, search attributes and user metadata and returns them from describe and list', async () => {
    const id = randomUUID();
    const handle = await c.env.client.workflow.start<typeof wf.searchAttributesWorkflow>(
      'searchAttributesWorkflow',
      {
        taskQueue: c.taskQueue,
        workflowId: id,
        args: ['greeting'],
        memo: { flowId: 'f-1' },
        typedSearchAttributes: [{ key: FlowStage, value: ['started'] }],
        staticSummary: 'a summary',
        staticDetails: 'some details',
      },
    );
    await handle.query(countQuery).catch(() => undefined); // wait for the first task to finish
    const d = await handle.describe();
    assert.deepEqual(d.memo, { flowId: 'f-1' });
    assert.deepEqual(d.typedSearchAttributes.get(FlowStage), ['greeting']);
    assert.equal(await d.staticSummary(), 'a summary');
    assert.equal(await d.staticDetails(), 'some details');
    const listed = [];
    for await (const info of c.env.client.workflow.list({
      query: `WorkflowType = 'searchAttributesWorkflow' AND ExecutionStatus = 'Running' AND FlowStage = 'greeting' AND WorkflowId = '${id}'`,
    })) {
      listed.push(info);
    }
    assert.equal(listed.length, 1);
    assert.deepEqual(listed[0].memo, { flowId: 'f-1' });
    const count = await c.env.client.workflow.count(`WorkflowId = '${id}'`);
    assert.equal(count.count, 1);
    await handle.signal(finishSignal);
    await handle.result();
    const closed = [];
    for await (const info of c.env.client.workflow.list({
      query: `WorkflowId = '${id}' AND ExecutionStatus = 'Completed'`,
    }))
      closed.push(info);
    assert.equal(closed.length, 1);
  });

  it('retries a failing workflow task and completes', async () => {
    const handle = await start<typeof wf.failFirstTaskWorkflow>('failFirstTaskWorkflow', []);
    assert.ok((await handle.result()) > 3);
  });

  it('fails a workflow with an application failure', async () => {
    const err = await start<typeof wf.failingWorkflow>('failingWorkflow', [])
      .then((h) => h.result())
      .catch((e: unknown) => e);
    assert.ok(err instanceof WorkflowFailedError);
    assert.equal((err.cause as { type?: string }).type, 'FlowBroken');
  });

  it('times out a silent heartbeat and delivers the heartbeat details to the retry', async () => {
    const handle = await start<typeof wf.heartbeatWorkflow>('heartbeatWorkflow', []);
    assert.equal(await handle.result(), 'resumed from checkpoint-1');
    assert.equal(heartbeatAttempts[1], 'checkpoint-1');
  });

  it('cancels a running activity through its heartbeat', async () => {
    const handle = await start<typeof wf.activityCancelWorkflow>('activityCancelWorkflow', []);
    assert.equal(await handle.result(), 'cancelled');
  });

  it('enforces start-to-close, schedule-to-close and schedule-to-start timeouts', async () => {
    const results = await Promise.all(
      (['startToClose', 'scheduleToClose', 'scheduleToStart'] as const).map(async (kind) =>
        (await start<typeof wf.timeoutWorkflow>('timeoutWorkflow', [kind])).result(),
      ),
    );
    assert.deepEqual(results, [
      'TimeoutFailure:START_TO_CLOSE',
      'TimeoutFailure:SCHEDULE_TO_CLOSE',
      'TimeoutFailure:SCHEDULE_TO_START',
    ]);
  });

  it('pages history and reports it through fetchHistory', async () => {
    const handle = await start<typeof wf.oneActivityWorkflow>('oneActivityWorkflow', ['x']);
    await handle.result();
    const history = await handle.fetchHistory();
    const types = (history.events ?? []).map((e) => e.eventType);
    assert.equal(types.length, 11);
    assert.deepEqual(
      (history.events ?? []).map((e) => Number(e.eventId)),
      types.map((_, i) => i + 1),
    );
  });
});
