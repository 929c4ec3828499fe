/**
 * The worker's workflow task slots follow task durations (worker/workflow-task-slots.ts): the
 * behaviour that keeps a restarted worker under a backlog from holding more work than its one
 * workflow thread finishes within Temporal's task timeout.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SlotPermit, SlotReserveContext, WorkflowSlotInfo } from '@temporalio/worker';
import { createWorkflowTaskSlots } from '../../worker/workflow-task-slots';

const context = {
  slotType: 'workflow',
  taskQueue: 'q',
  workerIdentity: 'w',
  isSticky: false,
} as SlotReserveContext;
const slotInfo = {
  type: 'workflow',
  workflowType: 'conversationWorkflow',
  isSticky: false,
} as WorkflowSlotInfo;

function harness(maximum = 100) {
  let clock = 0;
  const slots = createWorkflowTaskSlots({ maximum, targetTaskMs: 2500, now: () => clock });
  /** Reserves, uses and releases one slot whose task takes `ms`. */
  const runTask = async (ms: number) => {
    const permit = await slots.supplier.reserveSlot(context, new AbortController().signal);
    slots.supplier.markSlotUsed({ slotInfo, permit });
    clock += ms;
    slots.supplier.releaseSlot({ slotInfo, permit });
  };
  return { slots, runTask, advance: (ms: number) => (clock += ms) };
}

describe('workflow task slots', () => {
  it('start at 2 and open one more for every task that finished within the target, up to the maximum', async () => {
    const { slots, runTask } = harness(10);
    assert.equal(slots.limit(), 2);
    for (let i = 0; i < 5; i++) await runTask(20);
    assert.equal(slots.limit(), 7);
    for (let i = 0; i < 20; i++) await runTask(20);
    assert.equal(slots.limit(), 10);
  });

  it('halve when a task overran the target, once per target period, never below 2', async () => {
    const { slots, runTask, advance } = harness();
    for (let i = 0; i < 62; i++) await runTask(1);
    assert.equal(slots.limit(), 64);
    await runTask(3000);
    assert.equal(slots.limit(), 32);
    await runTask(3000);
    assert.equal(slots.limit(), 16, 'a second slow task one target period later halves again');
    advance(10); // the tasks taken with the old limit finish late too: no collapse to 2 at once
    slots.supplier.releaseSlot({ permit: markUsed(slots, -3000) });
    assert.equal(slots.limit(), 16);
    for (let i = 0; i < 10; i++) await runTask(3000);
    assert.equal(slots.limit(), 2);
  });

  it('make reservations wait while every slot is taken, and hand a released slot to the first waiter', async () => {
    const { slots } = harness();
    const first = await slots.supplier.reserveSlot(context, new AbortController().signal);
    await slots.supplier.reserveSlot(context, new AbortController().signal);
    let granted = false;
    const waiting = slots.supplier
      .reserveSlot(context, new AbortController().signal)
      .then(() => (granted = true));
    await Promise.resolve();
    assert.equal(granted, false);
    slots.supplier.releaseSlot({ permit: first });
    await waiting;
    assert.equal(slots.inUse(), 2);
  });

  it('give an eager start a slot while fewer tasks than the limit run, however many polls wait', async () => {
    const { slots } = harness();
    const polls = [
      await slots.supplier.reserveSlot(context, new AbortController().signal),
      await slots.supplier.reserveSlot(context, new AbortController().signal),
    ];
    const eager = slots.supplier.tryReserveSlot(context);
    assert.ok(eager, 'idle polls hold every slot, and still the eager task gets one');
    slots.supplier.markSlotUsed({ slotInfo, permit: eager });
    for (const permit of polls) slots.supplier.markSlotUsed({ slotInfo, permit });
    assert.equal(slots.supplier.tryReserveSlot(context), null, 'no eager slot while the limit of tasks runs');
  });

  it('drop an aborted reservation from the queue', async () => {
    const { slots } = harness();
    const permits: SlotPermit[] = [];
    for (let i = 0; i < 2; i++)
      permits.push(await slots.supplier.reserveSlot(context, new AbortController().signal));
    const abort = new AbortController();
    const aborted = slots.supplier.reserveSlot(context, abort.signal);
    abort.abort();
    await assert.rejects(aborted);
    slots.supplier.releaseSlot({ permit: permits[0] });
    assert.equal(slots.inUse(), 1, 'the released slot did not go to the aborted reservation');
  });
});

/** A permit marked used at `usedAt` on the harness clock. */
function markUsed(slots: ReturnType<typeof createWorkflowTaskSlots>, usedAt: number): SlotPermit {
  const permit = slots.supplier.tryReserveSlot(context) ?? {};
  slots.supplier.markSlotUsed({ slotInfo, permit });
  (permit as { usedAt?: number }).usedAt = usedAt;
  return permit;
}
