import * as grpc from '@grpc/grpc-js';
import type { Engine } from './engine';
import { RpcError } from './errors';
import { addExternalEvent } from './external-events';
import { startRun, terminateRun, type NewRunParams } from './run-lifecycle';
import { isOpen, type Proto, type RunState } from './run-state';
import { encodeAlreadyStartedDetails } from './error-details';

const FAILED_STATUSES = new Set([
  'WORKFLOW_EXECUTION_STATUS_FAILED',
  'WORKFLOW_EXECUTION_STATUS_CANCELED',
  'WORKFLOW_EXECUTION_STATUS_TERMINATED',
  'WORKFLOW_EXECUTION_STATUS_TIMED_OUT',
]);

function alreadyStarted(run: RunState, requestId: string | undefined): RpcError {
  const metadata = new grpc.Metadata();
  const details = encodeAlreadyStartedDetails(
    `Workflow execution is already running. WorkflowId: ${run.workflowId}, RunId: ${run.runId}.`,
    requestId ?? '',
    run.runId,
  );
  if (details) metadata.set('grpc-status-details-bin', details);
  return new RpcError(
    grpc.status.ALREADY_EXISTS,
    `Workflow execution is already running. WorkflowId: ${run.workflowId}, RunId: ${run.runId}.`,
    metadata,
  );
}

function paramsFrom(req: Proto, signal?: Proto): NewRunParams {
  return {
    namespace: req.namespace,
    workflowId: req.workflowId,
    workflowType: req.workflowType?.name,
    taskQueue: req.taskQueue?.name,
    input: req.input,
    header: req.header,
    memo: req.memo,
    searchAttributes: req.searchAttributes,
    userMetadata: req.userMetadata,
    executionTimeout: req.workflowExecutionTimeout,
    runTimeout: req.workflowRunTimeout,
    taskTimeout: req.workflowTaskTimeout,
    identity: req.identity,
    requestId: req.requestId,
    signal,
  };
}

/**
 * Applies the id conflict policy (an open run exists) or the id reuse policy (the last run is closed);
 * returns the run to use instead of starting one, or undefined to start a new run.
 */
function resolveExisting(engine: Engine, req: Proto, defaultConflict: string): RunState | undefined {
  const existing = engine.findCurrent(req.namespace, req.workflowId);
  if (!existing) return undefined;
  if (isOpen(existing)) {
    if (req.requestId && existing.requestId === req.requestId) return existing;
    const reuse: string = req.workflowIdReusePolicy ?? '';
    let conflict: string = req.workflowIdConflictPolicy || defaultConflict;
    if (reuse === 'WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING')
      conflict = 'WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING';
    if (conflict === 'WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING') return existing;
    if (conflict === 'WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING') {
      terminateRun(
        engine,
        existing,
        'terminated by a new start (conflict policy)',
        undefined,
        req.identity ?? '',
      );
      return undefined;
    }
    throw alreadyStarted(existing, req.requestId);
  }
  switch (req.workflowIdReusePolicy) {
    case 'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE':
      throw alreadyStarted(existing, req.requestId);
    case 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY':
      if (!FAILED_STATUSES.has(existing.status)) throw alreadyStarted(existing, req.requestId);
      return undefined;
    default:
      return undefined;
  }
}

/** StartWorkflowExecution. */
export function startWorkflow(engine: Engine, req: Proto): Proto {
  engine.namespaces.add(req.namespace);
  const existing = resolveExisting(engine, req, 'WORKFLOW_ID_CONFLICT_POLICY_FAIL');
  if (existing)
    return { runId: existing.runId, started: existing.requestId === req.requestId && !!req.requestId };
  const params = paramsFrom(req);
  const run = startRun(engine, params);
  engine.journalClientOp({ op: 'start', runId: run.runId, params });
  return { runId: run.runId, started: true };
}

/** SignalWithStartWorkflowExecution: signals the open run, or starts one with the signal in its history. */
export function signalWithStart(engine: Engine, req: Proto): Proto {
  engine.namespaces.add(req.namespace);
  const signal = {
    signalName: req.signalName,
    input: req.signalInput,
    identity: req.identity,
    header: req.header,
  };
  const existing = resolveExisting(engine, req, 'WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING');
  if (existing) {
    addExternalEvent(engine, existing, { kind: 'signal', attrs: signal });
    engine.journalClientOp({
      op: 'signal',
      runId: existing.runId,
      workflowId: existing.workflowId,
      namespace: existing.namespace,
      attrs: signal,
    });
    return { runId: existing.runId, started: false };
  }
  const params = paramsFrom(req, signal);
  const run = startRun(engine, params);
  engine.journalClientOp({ op: 'start', runId: run.runId, params });
  return { runId: run.runId, started: true };
}
