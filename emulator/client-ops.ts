import type { Engine } from './engine';
import { addExternalEvent } from './external-events';
import { startRun, terminateRun, type NewRunParams } from './run-lifecycle';
import { isOpen, type Proto, type RunState } from './run-state';

/**
 * A state change a client request made, as the journal records it: the outcome (which run, which
 * run id), not the request, so replaying it does not decide id policies again.
 */
export type ClientOp =
  | { op: 'start'; runId: string; params: NewRunParams }
  | { op: 'signal'; runId: string; workflowId: string; namespace: string; attrs: Proto }
  | { op: 'cancel'; runId: string; workflowId: string; namespace: string; attrs: Proto }
  | {
      op: 'terminate';
      runId: string;
      workflowId: string;
      namespace: string;
      reason: string;
      details?: Proto;
      identity: string;
    };

/**
 * The run a replayed op targets: the recorded run if still open, else the open current run of the
 * workflow id (the recorded run may have come from a continue-as-new the snapshot did not keep).
 */
function targetRun(engine: Engine, op: Exclude<ClientOp, { op: 'start' }>): RunState | undefined {
  const recorded = engine.runs.get(op.runId);
  if (recorded && isOpen(recorded)) return recorded;
  const current = engine.findCurrent(op.namespace, op.workflowId);
  return current && isOpen(current) ? current : undefined;
}

/**
 * Re-applies a journaled op on top of a restored snapshot. Worker progress made after the snapshot
 * is not journaled, so the state may be older than when the op first ran; each op is applied as
 * closely as that state allows (see the README's persistence section).
 */
export function replayClientOp(engine: Engine, op: ClientOp): void {
  switch (op.op) {
    case 'start': {
      if (engine.runs.has(op.runId)) return;
      const current = engine.findCurrent(op.params.namespace, op.params.workflowId);
      if (current && isOpen(current)) {
        // The run that was replaced (conflict policy) or had closed by then (lost from the snapshot).
        terminateRun(engine, current, 'superseded by a start replayed from the journal', undefined, '');
      }
      startRun(engine, { ...op.params, runId: op.runId });
      return;
    }
    case 'signal': {
      const run = targetRun(engine, op);
      if (run) addExternalEvent(engine, run, { kind: 'signal', attrs: op.attrs });
      return;
    }
    case 'cancel': {
      const run = targetRun(engine, op);
      if (run && !run.cancelRequested) {
        run.cancelRequested = true;
        addExternalEvent(engine, run, { kind: 'cancelRequested', attrs: op.attrs });
      }
      return;
    }
    case 'terminate': {
      const run = targetRun(engine, op);
      if (run) terminateRun(engine, run, op.reason, op.details, op.identity);
      return;
    }
    default: {
      const never: never = op;
      throw new Error(`unknown journal op ${JSON.stringify(never)}`);
    }
  }
}
