import type { CallContext } from './grpc-wiring';

/**
 * A task waiting in a queue. `deliver` is called only when a live poller takes it; it returns the poll
 * response (and marks the task started) or null when the task went stale meanwhile (e.g. moved to
 * another queue, run closed), in which case matching tries the next one.
 */
export interface QueuedTask {
  deliver(pollerIdentity: string): object | null;
  /** Re-routes the task elsewhere when its queue is deserted (sticky queue of a dead worker). */
  fallback?: () => void;
}

interface Poller {
  identity: string;
  resolve(response: object): void;
}

interface Queue {
  tasks: QueuedTask[];
  pollers: Poller[];
  /** When a poller last waited on or took work from this queue (real ms); 0 after it went away. */
  lastSeenAt: number;
}

/** Poll responses are returned empty before the caller's deadline, and at most after this long. */
const MAX_POLL_MS = 60_000;

/** Task queues with long-poll matching: one FIFO of tasks and one FIFO of waiting pollers per queue. */
export class Matching {
  private readonly queues = new Map<string, Queue>();

  private queue(key: string): Queue {
    let q = this.queues.get(key);
    if (!q) {
      q = { tasks: [], pollers: [], lastSeenAt: 0 };
      this.queues.set(key, q);
    }
    return q;
  }

  /** Adds a task; hands it straight to a waiting poller if there is one. */
  enqueue(key: string, task: QueuedTask): void {
    const q = this.queue(key);
    while (q.pollers.length > 0) {
      const poller = q.pollers.shift() as Poller;
      const response = task.deliver(poller.identity);
      if (response === null) {
        q.pollers.unshift(poller);
        return;
      }
      q.lastSeenAt = Date.now();
      poller.resolve(response);
      return;
    }
    q.tasks.push(task);
  }

  /** Long-polls `key`: resolves with a poll response, or `{}` at the deadline or on cancellation. */
  poll(key: string, identity: string, ctx: CallContext): Promise<object> {
    const q = this.queue(key);
    q.lastSeenAt = Date.now();
    while (q.tasks.length > 0) {
      const task = q.tasks.shift() as QueuedTask;
      const response = task.deliver(identity);
      if (response !== null) return Promise.resolve(response);
    }
    return new Promise<object>((resolve) => {
      let done = false;
      const finish = (response: object) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        const idx = q.pollers.indexOf(poller);
        if (idx >= 0) q.pollers.splice(idx, 1);
        resolve(response);
      };
      const poller: Poller = { identity, resolve: finish };
      const wait = Math.max(0, Math.min(MAX_POLL_MS, ctx.msUntilDeadline() - 1_000));
      const timer = setTimeout(() => finish({}), wait);
      q.pollers.push(poller);
      void ctx.cancelled.then(() => {
        finish({});
        // A cancelled poll means the worker is shutting down or its connection died.
        if (q.pollers.length === 0) this.desert(key);
      });
    });
  }

  /** True when a poller is waiting now or took work within `withinMs` (real time). */
  hasRecentPoller(key: string, withinMs: number): boolean {
    const q = this.queues.get(key);
    if (!q) return false;
    return q.pollers.length > 0 || (q.lastSeenAt > 0 && Date.now() - q.lastSeenAt < withinMs);
  }

  /**
   * Marks a queue as deserted (ShutdownWorker, or its last poller went away) and re-routes the tasks
   * that can go elsewhere, so a dead sticky worker causes no stall.
   */
  desert(key: string): void {
    const q = this.queues.get(key);
    if (!q) return;
    q.lastSeenAt = 0;
    const movable = q.tasks.filter((t) => t.fallback);
    q.tasks = q.tasks.filter((t) => !t.fallback);
    for (const t of movable) t.fallback?.();
  }

  /** Answers every waiting poll with an empty response (used on shutdown). */
  releaseAll(): void {
    for (const q of this.queues.values()) {
      for (const p of [...q.pollers]) p.resolve({});
    }
  }
}
