/**
 * How many workflow tasks one worker takes at once. Every workflow task of the worker runs on its one
 * workflow thread, one activation after another, so a task taken in a slot waits for the tasks ahead
 * of it. Temporal times a task out 10 s after handing it out and hands it to the next poller: if the
 * slots hold more work than the thread does in that time, tasks run out of time, their work is
 * thrown away and done again, and a worker restarted under a backlog (every run replayed from its
 * history) can make no progress at all — the livelock the outside probe found with 100 slots.
 *
 * So the slots are sized for the worst case: every slot holding a cold replay of a run at its
 * longest history (`MAX_HISTORY_EVENTS_PER_RUN` in workflows/definitions.ts, after which runs
 * continue-as-new), the last of them
 * done within half the task timeout.
 */
/** Temporal's default workflow task timeout (start-to-close), which FlowBot's runs keep. */
export const WORKFLOW_TASK_TIMEOUT_MS = 10_000;

/**
 * Workflow-thread time to replay a run of `MAX_HISTORY_EVENTS_PER_RUN` (1,000) events: 1.06–1.44 s for
 * 1,095 events on this project's busy 2-core machine (load average 7–10), by bench/replay-cost.ts.
 */
export const COLD_REPLAY_AT_HISTORY_BOUND_MS = 1_000;

/** Slots such that `slots` worst-case tasks in a row finish within half the task timeout (at least 2). */
export function sizeWorkflowTaskSlots(
  taskTimeoutMs = WORKFLOW_TASK_TIMEOUT_MS,
  worstTaskMs = COLD_REPLAY_AT_HISTORY_BOUND_MS,
): number {
  // The SDK refuses fewer than 2 slots when runs are cached.
  return Math.max(2, Math.floor(taskTimeoutMs / 2 / worstTaskMs));
}
