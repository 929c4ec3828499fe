import { cancelActivityTask, completeActivity, failActivity, heartbeatActivity } from './activity-responses';
import { describeRun, executionInfo } from './execution-info';
import { activityQueueKey, workflowQueueKey, type Engine } from './engine';
import { invalidArgument, notFound } from './errors';
import { addExternalEvent } from './external-events';
import type { HandlerMap } from './grpc-wiring';
import { getHistory } from './history-rpc';
import { parseListQuery } from './list-query';
import { completeLegacyQuery, queryWorkflow } from './queries';
import { terminateRun } from './run-lifecycle';
import { isOpen, type Proto, type RunState } from './run-state';
import { signalWithStart, startWorkflow } from './start-workflow';
import { completeWorkflowTask, failWorkflowTask } from './workflow-tasks';

function openRun(engine: Engine, req: Proto): RunState {
  const run = engine.getRun(
    req.namespace,
    req.workflowExecution?.workflowId ?? req.execution?.workflowId,
    req.workflowExecution?.runId ?? req.execution?.runId,
  );
  if (!isOpen(run)) throw notFound('workflow execution already completed');
  return run;
}

/** How a journaled op names its run. */
function runRef(run: RunState): { runId: string; workflowId: string; namespace: string } {
  return { runId: run.runId, workflowId: run.workflowId, namespace: run.namespace };
}

function listRuns(engine: Engine, req: Proto): RunState[] {
  let predicate;
  try {
    predicate = parseListQuery(req.query);
  } catch (err) {
    throw invalidArgument((err as Error).message);
  }
  const runs = [...engine.runs.values()].filter((r) => r.namespace === req.namespace && predicate(r));
  // Newest first, as the server's default ordering.
  return runs.sort((a, b) => b.startTime - a.startTime);
}

/** The execution, task and visibility RPCs of temporal.api.workflowservice.v1.WorkflowService. */
export function workflowServiceHandlers(engine: Engine): HandlerMap {
  return {
    StartWorkflowExecution: (req) => startWorkflow(engine, req),
    SignalWithStartWorkflowExecution: (req) => signalWithStart(engine, req),
    SignalWorkflowExecution: (req) => {
      const run = openRun(engine, req);
      const attrs = {
        signalName: req.signalName,
        input: req.input,
        identity: req.identity,
        header: req.header,
      };
      addExternalEvent(engine, run, { kind: 'signal', attrs });
      engine.journalClientOp({ op: 'signal', ...runRef(run), attrs });
      return {};
    },
    RequestCancelWorkflowExecution: (req) => {
      const run = openRun(engine, req);
      if (!run.cancelRequested) {
        run.cancelRequested = true;
        const attrs = { cause: req.reason, identity: req.identity };
        addExternalEvent(engine, run, { kind: 'cancelRequested', attrs });
        engine.journalClientOp({ op: 'cancel', ...runRef(run), attrs });
      }
      return {};
    },
    TerminateWorkflowExecution: (req) => {
      const run = openRun(engine, req);
      const reason: string = req.reason ?? '';
      const identity: string = req.identity ?? '';
      terminateRun(engine, run, reason, req.details, identity);
      engine.journalClientOp({ op: 'terminate', ...runRef(run), reason, details: req.details, identity });
      return {};
    },
    DescribeWorkflowExecution: (req) =>
      describeRun(
        engine.getRun(req.namespace, req.execution?.workflowId, req.execution?.runId),
        engine.searchAttributeTypes,
      ),
    GetWorkflowExecutionHistory: (req, ctx) => getHistory(engine, req, ctx),
    QueryWorkflow: (req, ctx) =>
      queryWorkflow(
        engine,
        engine.getRun(req.namespace, req.execution?.workflowId, req.execution?.runId),
        req,
        ctx,
      ),
    ListWorkflowExecutions: (req) => {
      const runs = listRuns(engine, req);
      const offset = req.nextPageToken?.length ? Number(Buffer.from(req.nextPageToken).toString()) : 0;
      const size = req.pageSize > 0 ? req.pageSize : 1_000;
      const page = runs.slice(offset, offset + size);
      const next = offset + page.length;
      return {
        executions: page.map((r) => executionInfo(r, engine.searchAttributeTypes)),
        nextPageToken: next < runs.length ? Buffer.from(String(next)) : undefined,
      };
    },
    ScanWorkflowExecutions: (req) => ({
      executions: listRuns(engine, req).map((r) => executionInfo(r, engine.searchAttributeTypes)),
    }),
    CountWorkflowExecutions: (req) => ({ count: listRuns(engine, req).length }),
    PollWorkflowTaskQueue: (req, ctx) => {
      engine.namespaces.add(req.namespace);
      return engine.matching.poll(
        workflowQueueKey(req.namespace, req.taskQueue?.name),
        req.identity ?? '',
        ctx,
      );
    },
    PollActivityTaskQueue: (req, ctx) =>
      engine.matching.poll(activityQueueKey(req.namespace, req.taskQueue?.name), req.identity ?? '', ctx),
    RespondWorkflowTaskCompleted: (req) => completeWorkflowTask(engine, req),
    RespondWorkflowTaskFailed: (req) => failWorkflowTask(engine, req),
    RespondQueryTaskCompleted: (req) => completeLegacyQuery(engine, req),
    RespondActivityTaskCompleted: (req) => completeActivity(engine, req),
    RespondActivityTaskFailed: (req) => failActivity(engine, req),
    RespondActivityTaskCanceled: (req) => cancelActivityTask(engine, req),
    RecordActivityTaskHeartbeat: (req) => heartbeatActivity(engine, req),
    ShutdownWorker: (req) => {
      if (req.stickyTaskQueue) engine.matching.desert(workflowQueueKey(req.namespace, req.stickyTaskQueue));
      return {};
    },
  };
}
