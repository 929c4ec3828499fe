/**
 * The graph walker: executes nodes through their runtimes, follows named ports to the next node,
 * applies each result (variables, actions, turn limits) and stops at a wait or the end.
 */
import {
  appendTranscript,
  countTurnAction,
  describeTurnLimit,
  EngineInvariantError,
  type FlowState,
  isWindowOpen,
  MAX_STEPS_PER_RESUME,
  NEW_TURN,
  transcriptText,
  TURN_LIMIT_REASONS,
  type TurnCounts,
  type WaitSpec,
  windowClosesAt,
} from '../flow-state';
import { type EngineAction, isAllowedOutsideWindow } from '../engine-action';
import type { FlowGraph, FlowNodeOf } from '../model/flow-graph';
import type { NodeContext, NodeEvent, NodeResult, NodeWait } from '../node-runtime';
import type { Step } from './run-flow';
import type { EndedStatus, TransitionNote } from '../node-transition';
import { portIndexOf } from '../model/drawflow-document';
import { getNodeRuntime, type NodeType } from '../node-runtimes';

/** A step as the walker builds it: its transitions are still the notes it was given to fill. */
export type WalkedStep = Omit<Step, 'transitions'>;

/** What a step has produced so far: actions to perform and transitions to report, both in order. */
export interface StepTrail {
  actions: EngineAction[];
  notes: TransitionNote[];
}

/**
 * Applies `result` (produced by node `nodeId`) and keeps executing nodes until the run waits or
 * ends. This loop is the only place that moves between nodes; executors only decide. `timedOut`:
 * the result answers node `nodeId`'s timeout, so leaving it is noted as timed out.
 */
export function continueRun(
  graph: FlowGraph,
  state: FlowState,
  trail: StepTrail,
  nodeId: string,
  result: NodeResult,
  now: number,
  timedOut = false,
): WalkedStep {
  let current = { nodeId, result };
  for (let executed = 1; ; executed++) {
    const applied = applyResult(state, trail.actions, current.nodeId, current.result, now);
    if ('exceeded' in applied)
      return stopAtTurnLimit(applied.state, trail, current.nodeId, applied.exceeded, now);
    state = applied.state;
    const outcome = current.result.then;
    if ('wait' in outcome) return waitAt(state, trail, current.nodeId, outcome.wait, outcome.retries, now);
    if ('end' in outcome) return endRun(state, trail, outcome.end, outcome.reason ?? null, now);
    const node = graph.nodes[current.nodeId];
    const target = targetOf(node, outcome.next);
    const left: TransitionNote = { kind: 'left', nodeId: node.id, port: outcome.next, at: now };
    if (timedOut && executed === 1) left.timedOut = true;
    if (target === null) {
      trail.notes.push(left);
      return isFailurePort(node, outcome.next)
        ? endRun(state, trail, 'failed', outcome.reason ?? outcome.next, now)
        : endRun(state, trail, 'completed', null, now);
    }
    if (executed >= MAX_STEPS_PER_RESUME) {
      trail.actions.push({
        type: 'log',
        nodeId: target,
        level: 'warn',
        message: `The flow ran ${MAX_STEPS_PER_RESUME} nodes without waiting for the customer, a timer or an effect; it loops forever, so it was stopped.`,
      });
      return endRun(state, trail, 'failed', 'step_limit', now);
    }
    trail.notes.push(left, { kind: 'entered', nodeId: target, at: now });
    state = { ...state, nodeId: target, retries: 0, steps: state.steps + 1 };
    current = { nodeId: target, result: executeNode(graph.nodes[target], state, now) };
  }
}

/**
 * Merges variables and records actions; refuses (as a bug) a session message outside the window.
 * Stops before the first action past a turn limit, returning the limit.
 */
function applyResult(
  state: FlowState,
  actions: EngineAction[],
  nodeId: string,
  result: NodeResult,
  now: number,
): { state: FlowState } | { state: FlowState; exceeded: keyof TurnCounts } {
  let next = result.variables ? { ...state, variables: { ...state.variables, ...result.variables } } : state;
  for (const action of result.actions ?? []) {
    const counted = countTurnAction(next.turn, action);
    if ('exceeded' in counted) return { state: next, exceeded: counted.exceeded };
    next = { ...next, turn: counted.counts };
    if (action.type === 'send') {
      if (!isAllowedOutsideWindow(action.message) && !isWindowOpen(next, now)) {
        throw new EngineInvariantError(
          `Node ${nodeId} produced a ${action.message.kind} message while the window is closed.`,
        );
      }
      next = {
        ...next,
        transcript: appendTranscript(next.transcript, {
          role: 'bot',
          text: transcriptText(action.message),
          at: now,
        }),
      };
    }
    actions.push(asPlainJson(action));
  }
  return { state: next };
}

/** Ends the run at a turn limit, saying which; the action that would have passed it never happens. */
function stopAtTurnLimit(
  state: FlowState,
  trail: StepTrail,
  nodeId: string,
  limit: keyof TurnCounts,
  now: number,
): WalkedStep {
  trail.actions.push({ type: 'log', nodeId, level: 'warn', message: describeTurnLimit(limit) });
  return endRun({ ...state, nodeId }, trail, 'failed', TURN_LIMIT_REASONS[limit], now);
}

/**
 * Actions and waits cross into Temporal as JSON; dropping `undefined` fields here means tests and
 * the workflow see exactly the same shapes.
 */
function asPlainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Turns a node's wait into a WaitSpec with fresh ids and its deadline. */
export function waitAt(
  state: FlowState,
  trail: StepTrail,
  nodeId: string,
  wait: NodeWait,
  retries: number | undefined,
  now: number,
): WalkedStep {
  const { actions } = trail;
  const id = `${nodeId}:${state.sequence + 1}`;
  let spec: WaitSpec;
  let handoff = state.handoff;
  // Waiting for something outside ends the turn; an effect's result arrives within it.
  let turn: TurnCounts = { ...NEW_TURN };
  switch (wait.kind) {
    case 'reply':
      spec = {
        kind: 'reply',
        nodeId,
        timerId: `reply:${id}`,
        timeoutMs: wait.timeoutMs,
        deadlineAt: replyDeadline(state, now, wait.timeoutMs),
      };
      break;
    case 'timer':
      spec = {
        kind: 'timer',
        nodeId,
        timerId: `delay:${id}`,
        durationMs: wait.durationMs,
        deadlineAt: now + wait.durationMs,
      };
      break;
    case 'effect': {
      spec = { kind: 'effect', nodeId, effectId: `${wait.effect.kind}:${id}` };
      const effect = asPlainJson<EngineAction>({
        type: 'effect',
        nodeId,
        effectId: spec.effectId,
        ...wait.effect,
      });
      const counted = countTurnAction(state.turn, effect);
      if ('exceeded' in counted) return stopAtTurnLimit(state, trail, nodeId, counted.exceeded, now);
      turn = counted.counts;
      actions.push(effect);
      break;
    }
    case 'handoff':
      spec = {
        kind: 'handoff',
        nodeId,
        timerId: `handoff:${id}`,
        timeoutMs: wait.timeoutMs,
        deadlineAt: wait.timeoutMs === undefined ? null : now + wait.timeoutMs,
      };
      handoff = { source: 'node', since: now, paused: null, pausedTimerFired: false, deferredEffect: null };
      actions.push({ type: 'status', status: 'handoff' });
      trail.notes.push({ kind: 'handed_over', nodeId, by: 'node', at: now });
      break;
  }
  spec = asPlainJson(spec);
  const next: FlowState = {
    ...state,
    nodeId,
    wait: spec,
    handoff,
    status: handoff ? 'handoff' : 'active',
    retries: retries ?? state.retries,
    sequence: state.sequence + 1,
    turn,
  };
  return { state: next, actions, wait: spec };
}

/**
 * A reply wait ends at the node's timeout or when the open window closes, whichever is first.
 * A window that is already closed (after a template) does not cap it: the customer's answer is
 * exactly what reopens it.
 */
export function replyDeadline(state: FlowState, now: number, timeoutMs: number | undefined): number | null {
  const own = timeoutMs === undefined ? null : now + timeoutMs;
  const closes = windowClosesAt(state);
  const cap = closes !== null && closes > now ? closes : null;
  if (own === null) return cap;
  return cap === null ? own : Math.min(own, cap);
}

/** Ends the run with a status action, noting that it ended at the run's current node. */
export function endRun(
  state: FlowState,
  trail: StepTrail,
  status: EndedStatus,
  reason: string | null,
  now: number,
): WalkedStep {
  trail.actions.push(reason === null ? { type: 'status', status } : { type: 'status', status, reason });
  if (state.nodeId !== null) {
    trail.notes.push({
      kind: 'ended',
      nodeId: state.nodeId,
      status,
      ...(reason === null ? {} : { reason }),
      at: now,
    });
  }
  return {
    state: { ...state, status, reason, wait: null, handoff: null },
    actions: trail.actions,
    wait: null,
  };
}

/** Executes a node on entry through the runtime table (typed by the node's own type). */
export function executeNode<T extends NodeType>(
  node: FlowNodeOf<T>,
  state: FlowState,
  now: number,
): NodeResult {
  return getNodeRuntime(node.type).execute(contextFor(node, state, now));
}

/** Resumes a waiting node with the event that answers its wait. */
export function resumeNode<T extends NodeType>(
  node: FlowNodeOf<T>,
  state: FlowState,
  event: NodeEvent,
  now: number,
): NodeResult {
  const runtime = getNodeRuntime(node.type);
  if (!runtime.resume) {
    throw new EngineInvariantError(`Node ${node.id} (${node.type}) was resumed but never waits.`);
  }
  return runtime.resume(contextFor(node, state, now), event);
}

/** Where port `port` of `node` leads: the target node id, or null when it is not connected. */
export function targetOf<T extends NodeType>(node: FlowNodeOf<T>, port: string): string | null {
  const index = portIndexOf(getNodeRuntime(node.type).ports(node.data), port);
  if (index < 0) throw new EngineInvariantError(`Node ${node.id} (${node.type}) has no port "${port}".`);
  return node.next[index] ?? null;
}

/** Whether port `port` is one the node's runtime marks as a failure (the run fails when it is unconnected). */
export function isFailurePort<T extends NodeType>(node: FlowNodeOf<T>, port: string): boolean {
  const failures: readonly string[] = getNodeRuntime(node.type).failurePorts ?? [];
  return failures.includes(port);
}

function contextFor<T extends NodeType>(
  node: FlowNodeOf<T>,
  state: FlowState,
  now: number,
): NodeContext<FlowNodeOf<T>['data'], string> {
  return {
    nodeId: node.id,
    data: node.data,
    state,
    now,
    isConnected: (port) => targetOf(node, port) !== null,
  };
}

/** Hands `event` to the node the run waits on, then walks on from its result. */
export function resumeWaitingNode(
  graph: FlowGraph,
  state: FlowState,
  trail: StepTrail,
  event: NodeEvent,
  now: number,
): WalkedStep {
  const nodeId = state.wait?.nodeId;
  const node = nodeId === undefined ? undefined : graph.nodes[nodeId];
  if (!node)
    throw new EngineInvariantError(`The run waits on node ${nodeId ?? '(none)'}, which is not in the graph.`);
  const waiting: FlowState = { ...state, wait: null, nodeId: node.id };
  const result = resumeNode(node, waiting, event, now);
  return continueRun(graph, waiting, trail, node.id, result, now, event.type === 'timeout');
}
