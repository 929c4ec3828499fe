import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { workflowQueueKey, type Engine } from './engine';
import { RpcError, invalidArgument, notFound } from './errors';
import type { CallContext } from './grpc-wiring';
import { toTimestamp } from './proto-time';
import { isOpen, type Proto, type RunState } from './run-state';
import { decodeToken, encodeToken } from './task-token';

/** A QueryWorkflow call waiting for the worker's answer. */
export interface PendingQuery {
  id: string;
  runId: string;
  query: Proto;
  resolve(result: Proto): void;
  reject(err: Error): void;
}

/**
 * QueryWorkflow. A query rides on the run's next workflow task when one is scheduled or in flight
 * (answered in RespondWorkflowTaskCompleted.queryResults); otherwise it goes out as a legacy query
 * task with the full history (answered by RespondQueryTaskCompleted), as the server does.
 */
export async function queryWorkflow(
  engine: Engine,
  run: RunState,
  req: Proto,
  ctx: CallContext,
): Promise<Proto> {
  const reject = req.queryRejectCondition;
  const closed = !isOpen(run);
  if (
    (reject === 'QUERY_REJECT_CONDITION_NOT_OPEN' && closed) ||
    (reject === 'QUERY_REJECT_CONDITION_NOT_COMPLETED_CLEANLY' &&
      closed &&
      run.status !== 'WORKFLOW_EXECUTION_STATUS_COMPLETED')
  ) {
    return { queryRejected: { status: run.status } };
  }
  const result = await new Promise<Proto>((resolve, rejectFn) => {
    const pending: PendingQuery = {
      id: randomUUID(),
      runId: run.runId,
      query: req.query ?? {},
      resolve,
      reject: rejectFn,
    };
    if (isOpen(run) && run.wt) {
      const list = engine.pendingQueries.get(run.runId) ?? [];
      list.push(pending);
      engine.pendingQueries.set(run.runId, list);
    } else {
      sendLegacyQuery(engine, run, pending);
    }
    void ctx.cancelled.then(() => {
      dropQuery(engine, pending);
      rejectFn(new RpcError(grpc.status.CANCELLED, 'query cancelled'));
    });
    engine.changed();
  });
  return { queryResult: result };
}

function dropQuery(engine: Engine, q: PendingQuery): void {
  engine.inflightQueries.delete(q.id);
  const riding = engine.ridingQueries.get(q.runId);
  if (riding && riding.includes(q)) riding.splice(riding.indexOf(q), 1);
  const list = engine.pendingQueries.get(q.runId);
  if (list) {
    const idx = list.indexOf(q);
    if (idx >= 0) list.splice(idx, 1);
    if (list.length === 0) engine.pendingQueries.delete(q.runId);
  }
  engine.changed();
}

function sendLegacyQuery(engine: Engine, run: RunState, q: PendingQuery): void {
  engine.inflightQueries.set(q.id, q);
  engine.matching.enqueue(workflowQueueKey(run.namespace, run.taskQueue), {
    deliver: () => {
      if (!engine.inflightQueries.has(q.id)) return null;
      const last = run.lastCompletedStartedEventId;
      return {
        taskToken: encodeToken({ t: 'q', q: q.id }),
        workflowExecution: { workflowId: run.workflowId, runId: run.runId },
        workflowType: { name: run.workflowType },
        previousStartedEventId: last,
        startedEventId: last,
        attempt: 1,
        history: { events: run.history.slice() },
        query: q.query,
        workflowExecutionTaskQueue: { name: run.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
        scheduledTime: toTimestamp(engine.now()),
        startedTime: toTimestamp(engine.now()),
      };
    },
  });
}

/** Queries to attach to the workflow task being handed out (`queries` of the poll response). */
export function takePendingQueries(engine: Engine, run: RunState): Record<string, Proto> | undefined {
  const list = engine.pendingQueries.get(run.runId);
  if (!list || list.length === 0) return undefined;
  engine.pendingQueries.delete(run.runId);
  const out: Record<string, Proto> = {};
  for (const q of list) out[q.id] = q.query;
  engine.ridingQueries.set(run.runId, list);
  return out;
}

/**
 * Answers queries that rode on the run's workflow task (`queryResults` of the completion); those left
 * unanswered (or all of them, when the task failed) wait for the next task again.
 */
export function resolveRiddenQueries(engine: Engine, run: RunState, results: Record<string, Proto>): void {
  const riding = engine.ridingQueries.get(run.runId);
  if (!riding) return;
  engine.ridingQueries.delete(run.runId);
  const unanswered: PendingQuery[] = [];
  for (const q of riding) {
    const result = results[q.id];
    if (!result) unanswered.push(q);
    else if (result.resultType === 'QUERY_RESULT_TYPE_ANSWERED') q.resolve(result.answer ?? {});
    else q.reject(invalidArgument(result.errorMessage || result.failure?.message || 'query failed'));
  }
  if (unanswered.length > 0) {
    engine.pendingQueries.set(run.runId, [...unanswered, ...(engine.pendingQueries.get(run.runId) ?? [])]);
  }
}

/** After a workflow task completes without a successor, queued queries go out as legacy tasks. */
export function dispatchLegacyQueries(engine: Engine, run: RunState): void {
  const list = engine.pendingQueries.get(run.runId);
  if (!list || list.length === 0) return;
  engine.pendingQueries.delete(run.runId);
  for (const q of list) sendLegacyQuery(engine, run, q);
}

/** RespondQueryTaskCompleted for a legacy query task. */
export function completeLegacyQuery(engine: Engine, req: Proto): Proto {
  const token = decodeToken(req.taskToken);
  const q = token.t === 'q' ? engine.inflightQueries.get(token.q) : undefined;
  if (!q) throw notFound('query task not found');
  engine.inflightQueries.delete(q.id);
  if (req.completedType === 'QUERY_RESULT_TYPE_ANSWERED') q.resolve(req.queryResult ?? {});
  else q.reject(invalidArgument(req.errorMessage || req.failure?.message || 'query failed'));
  engine.changed();
  return {};
}
