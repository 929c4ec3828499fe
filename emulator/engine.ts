import { VirtualClock, type ScheduledTimer } from './clock';
import { notFound } from './errors';
import type { CallContext } from './grpc-wiring';
import type { ClientOp } from './client-ops';
import { Matching } from './matching';
import type { PendingQuery } from './queries';
import type { RunState } from './run-state';

/** Key of a workflow task queue in matching. */
export function workflowQueueKey(namespace: string, queue: string): string {
  return `${namespace}\u0000wf\u0000${queue}`;
}

/** Key of an activity task queue in matching. */
export function activityQueueKey(namespace: string, queue: string): string {
  return `${namespace}\u0000act\u0000${queue}`;
}

/**
 * Shared state of one emulator instance: runs, the current run per workflow id, task queues, the
 * clock and the transient timers. The RPC modules operate on it through small functions.
 */
export class Engine {
  /** Every run ever started, by run id. */
  readonly runs = new Map<string, RunState>();
  /** Runs still running; the idle check walks these, not every run ever started. */
  readonly openRuns = new Set<RunState>();
  /** Latest run id per `namespace\0workflowId`. */
  readonly current = new Map<string, string>();
  readonly matching = new Matching();
  readonly clock: VirtualClock;
  /** Queries waiting for a workflow task to ride on, by run id. */
  readonly pendingQueries = new Map<string, PendingQuery[]>();
  /** Queries riding on the run's started workflow task, by run id. */
  readonly ridingQueries = new Map<string, PendingQuery[]>();
  /** Queries handed out as legacy query tasks, by query id. */
  readonly inflightQueries = new Map<string, PendingQuery>();
  /** Custom search attributes registered (or first seen), name → indexed value type. */
  readonly searchAttributeTypes = new Map<string, string>();
  /** Namespaces known to the emulator; any name a client uses is registered on first sight. */
  readonly namespaces = new Set<string>();
  /** Called after every state change; persistence hooks in here. */
  onChange: () => void = () => undefined;
  /**
   * Called with every client-made change before the request is acknowledged; persistence journals it
   * durably here. A no-op without persistence.
   */
  journalClientOp: (op: ClientOp) => void = () => undefined;

  private readonly timers = new Map<string, ScheduledTimer>();
  private readonly realTimers = new Map<string, NodeJS.Timeout>();
  private readonly historyWaiters = new Map<string, Set<() => void>>();
  /** Count of workflow tasks held back by real-time failure backoff; they keep the clock from skipping. */
  backoffWorkflowTasks = 0;

  constructor(options: { timeSkipping: boolean; namespace: string }) {
    this.clock = new VirtualClock(options.timeSkipping, () => this.isIdle());
    this.namespaces.add(options.namespace);
  }

  /** Emulator time in epoch ms. */
  now(): number {
    return this.clock.now();
  }

  /** Finds a run by workflow id and optional run id (latest run when empty). */
  getRun(namespace: string, workflowId: string, runId?: string): RunState {
    const id = runId || this.current.get(`${namespace}\u0000${workflowId}`);
    const run = id ? this.runs.get(id) : undefined;
    if (!run || run.workflowId !== workflowId || run.namespace !== namespace) {
      throw notFound(`workflow execution not found: workflowId=${workflowId} runId=${runId ?? ''}`);
    }
    return run;
  }

  /** The latest run of a workflow id, if any. */
  findCurrent(namespace: string, workflowId: string): RunState | undefined {
    const id = this.current.get(`${namespace}\u0000${workflowId}`);
    return id ? this.runs.get(id) : undefined;
  }

  /** Registers a run and makes it the current one for its workflow id. */
  addRun(run: RunState): void {
    this.loadRun(run);
    this.current.set(`${run.namespace}\u0000${run.workflowId}`, run.runId);
  }

  /** Registers a run without touching the current-run index (restoring a snapshot). */
  loadRun(run: RunState): void {
    this.runs.set(run.runId, run);
    if (run.status === 'WORKFLOW_EXECUTION_STATUS_RUNNING') this.openRuns.add(run);
  }

  /** Called once a run has closed. */
  runClosed(run: RunState): void {
    this.openRuns.delete(run);
  }

  /** Arms (or re-arms) a named timer on the emulator clock. */
  arm(key: string, at: number, fn: () => void): void {
    this.timers.get(key)?.cancel();
    this.timers.set(
      key,
      this.clock.scheduleAt(at, () => {
        this.timers.delete(key);
        fn();
        this.changed();
      }),
    );
  }

  /** Cancels a named timer if armed. */
  disarm(key: string): void {
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  /** A real-time timer (sticky fallback, task-failure backoff): these never take part in time skipping. */
  armReal(key: string, ms: number, fn: () => void): void {
    this.disarmReal(key);
    this.realTimers.set(
      key,
      setTimeout(() => {
        this.realTimers.delete(key);
        fn();
        this.changed();
      }, ms),
    );
  }

  /** Cancels a real-time timer if armed. */
  disarmReal(key: string): void {
    const t = this.realTimers.get(key);
    if (t) clearTimeout(t);
    this.realTimers.delete(key);
  }

  /** Wakes history long-polls on this run. */
  notifyHistory(run: RunState): void {
    const waiters = this.historyWaiters.get(run.runId);
    if (!waiters) return;
    this.historyWaiters.delete(run.runId);
    for (const w of waiters) w();
  }

  /** Resolves when the run's history changes, the call is cancelled, or `maxMs` passes. */
  waitForHistory(run: RunState, ctx: CallContext, maxMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let set = this.historyWaiters.get(run.runId);
      if (!set) {
        set = new Set();
        this.historyWaiters.set(run.runId, set);
      }
      const done = () => {
        clearTimeout(timer);
        set?.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, Math.min(maxMs, ctx.msUntilDeadline() - 1_000)));
      set.add(done);
      void ctx.cancelled.then(done);
    });
  }

  /** Marks state dirty and lets the clock re-check whether it may skip ahead. */
  changed(): void {
    this.onChange();
    this.clock.poke();
  }

  /**
   * Nothing is runnable: no workflow task scheduled or started, no activity scheduled or running,
   * no query waiting. Only then may the time-skipping clock jump.
   */
  isIdle(): boolean {
    if (this.backoffWorkflowTasks > 0 || this.inflightQueries.size > 0) return false;
    for (const queries of this.pendingQueries.values()) if (queries.length > 0) return false;
    for (const queries of this.ridingQueries.values()) if (queries.length > 0) return false;
    for (const run of this.openRuns) {
      if (run.wt) return false;
      for (const act of Object.values(run.activities)) if (act.state !== 'backoff') return false;
    }
    return true;
  }

  /** Stops every timer and answers every waiting long poll. */
  shutdown(): void {
    this.clock.stop();
    for (const t of this.realTimers.values()) clearTimeout(t);
    this.realTimers.clear();
    this.timers.clear();
    this.matching.releaseAll();
    for (const set of this.historyWaiters.values()) for (const w of [...set]) w();
  }
}
