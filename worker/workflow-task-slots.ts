/**
 * How many workflow tasks one worker takes at once, decided while it runs.
 *
 * Every workflow task of a worker runs on its one workflow thread, one activation after another, so
 * a task taken into a slot waits behind the tasks ahead of it. Temporal times a task out 10 s after
 * handing it out: if the slots hold more work than the thread finishes in that time, tasks run out of
 * time, their work is thrown away and done again, and a worker restarted under a backlog (every run
 * replayed from its history, each replay hundreds of milliseconds) can stop making progress — the
 * livelock the outside probe found with 100 fixed slots. Few fixed slots avoid it but waste the
 * worker when tasks are short: most of a warm task's time is the round trip to the server, so many
 * tasks in flight are what keeps the thread busy (bench/worker-backlog.ts: 5 fixed slots drained a
 * backlog 1.4 times slower than 100 on an idle machine, up to 2.7 times on a busy one).
 *
 * So the number of slots follows how long tasks take, as TCP's window follows round trips: it starts
 * small, grows by one for every task that finished within the target time, and halves (at most once
 * per target period) when one took longer. Under a cold backlog it settles where the thread finishes
 * what it holds within the target; with warm, short tasks it opens up to the maximum.
 */
import type { CustomSlotSupplier, SlotPermit, WorkflowSlotInfo } from '@temporalio/worker';

/** Temporal's default workflow task timeout (start-to-close), which FlowBot's runs keep. */
export const WORKFLOW_TASK_TIMEOUT_MS = 10_000;

/** Options of {@link createWorkflowTaskSlots}. */
export interface WorkflowTaskSlotOptions {
  /** Upper bound (WORKER_MAX_CONCURRENT_WORKFLOW_TASKS). */
  maximum: number;
  /** Slots at start and never fewer (the SDK needs 2 when runs are cached). */
  minimum?: number;
  /** A task that takes longer than this halves the slots; default a quarter of the task timeout. */
  targetTaskMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** The supplier plus what it decided, for logs and tests. */
export interface WorkflowTaskSlots {
  supplier: CustomSlotSupplier<WorkflowSlotInfo>;
  /** The current number of slots. */
  limit(): number;
  /** Slots handed out and not yet released. */
  inUse(): number;
}

interface Permit {
  usedAt?: number;
}

/** A workflow task slot supplier for `WorkerOptions.tuner` that sizes itself to task durations. */
export function createWorkflowTaskSlots(options: WorkflowTaskSlotOptions): WorkflowTaskSlots {
  const minimum = Math.min(options.minimum ?? 2, options.maximum);
  const target = options.targetTaskMs ?? WORKFLOW_TASK_TIMEOUT_MS / 4;
  const now = options.now ?? (() => performance.now());
  let limit = minimum;
  let held = 0;
  /** Slots whose task is running (marked used), as opposed to held by a poll still waiting. */
  let running = 0;
  let lastDecrease = -Infinity;
  const waiting: { grant: () => void }[] = [];

  const grantWaiting = () => {
    while (held < limit && waiting.length > 0) {
      held += 1;
      waiting.shift()?.grant();
    }
  };

  const learn = (durationMs: number) => {
    if (durationMs <= target) {
      limit = Math.min(options.maximum, limit + 1);
    } else if (now() - lastDecrease > target) {
      // Tasks already taken finish late anyway; one halving per period lets them drain first.
      limit = Math.max(minimum, Math.floor(limit / 2));
      lastDecrease = now();
    }
  };

  const supplier: CustomSlotSupplier<WorkflowSlotInfo> = {
    type: 'custom',
    reserveSlot(_context, abortSignal) {
      if (held < limit) {
        held += 1;
        return Promise.resolve<Permit>({});
      }
      return new Promise<SlotPermit>((resolve, reject) => {
        const entry = { grant: () => resolve({} satisfies Permit) };
        waiting.push(entry);
        abortSignal.addEventListener('abort', () => {
          const index = waiting.indexOf(entry);
          if (index >= 0) waiting.splice(index, 1);
          reject(abortSignal.reason);
        });
      });
    },
    // Only eager workflow start asks here, for a task it already has in hand. Idle pollers hold
    // slots too (a poller reserves one before it polls), so counting them would refuse every eager
    // start on an idle worker: it is the tasks running that must stay within the limit.
    tryReserveSlot() {
      if (running >= limit) return null;
      held += 1;
      return {} satisfies Permit;
    },
    markSlotUsed({ permit }) {
      (permit as Permit).usedAt = now();
      running += 1;
    },
    releaseSlot({ permit }) {
      held -= 1;
      const { usedAt } = permit as Permit;
      if (usedAt !== undefined) {
        running -= 1;
        learn(now() - usedAt);
      }
      grantWaiting();
    },
  };
  return { supplier, limit: () => limit, inUse: () => held };
}
