import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Context } from '@temporalio/activity';
import { startConformanceEnv, type ConformanceEnv } from './conformance-env';
import type * as wf from './workflows';

/** `WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND` in temporal.api.enums.v1. */
const UNHANDLED_COMMAND = 1;

describe('emulator workflow task, clock and history semantics (time skipping)', () => {
  let c: ConformanceEnv;
  const signalled = new Set<string>();
  before(async () => {
    c = await startConformanceEnv({
      echo: async (v) => v,
      sleepy: async (ms) => {
        await new Promise((r) => setTimeout(r, ms));
        return 'slept';
      },
      signalOwnWorkflow: async () => {
        const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
        if (signalled.has(workflowId)) return;
        signalled.add(workflowId);
        // Acknowledged while the workflow task that runs this local activity is still in flight.
        await c.env.client.workflow.getHandle(workflowId).signal('add', 1);
      },
    });
  });
  after(async () => c.close());

  it('rejects a completion that ignores a signal received during the task; the retry delivers it', async () => {
    const handle = await c.env.client.workflow.start<typeof wf.signalDuringTaskWorkflow>(
      'signalDuringTaskWorkflow',
      { taskQueue: c.taskQueue, workflowId: randomUUID() },
    );
    assert.deepEqual(await handle.result(), [1], 'the signal is not lost');
    const { events } = await handle.fetchHistory();
    const failures = (events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
    assert.equal(failures.length, 1);
    assert.equal(failures[0].workflowTaskFailedEventAttributes?.cause, UNHANDLED_COMMAND);
    assert.equal((events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).length, 1);
  });

  it('does not skip time while an activity is running', async () => {
    const result = await c.env.client.workflow.execute<typeof wf.activityVersusTimerWorkflow>(
      'activityVersusTimerWorkflow',
      { taskQueue: c.taskQueue, workflowId: randomUUID(), args: [300] },
    );
    assert.equal(result, 'activity');
  });

  it('pages history with maximumPageSize and the page tokens it returns', async () => {
    const handle = await c.env.client.workflow.start<typeof wf.oneActivityWorkflow>('oneActivityWorkflow', {
      taskQueue: c.taskQueue,
      workflowId: randomUUID(),
      args: ['paged'],
    });
    await handle.result();
    const ids: number[] = [];
    let pages = 0;
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await c.env.client.workflowService.getWorkflowExecutionHistory({
        namespace: c.env.namespace ?? 'default',
        execution: { workflowId: handle.workflowId },
        maximumPageSize: 4,
        nextPageToken,
      });
      pages++;
      assert.ok((page.history?.events ?? []).length <= 4);
      ids.push(...(page.history?.events ?? []).map((e) => Number(e.eventId)));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken && pages < 20);
    assert.equal(pages, 3);
    assert.deepEqual(
      ids,
      Array.from({ length: 11 }, (_, i) => i + 1),
    );
  });
});
