import { isWindowOpen, windowClosesAt } from '../customer-window';
import { EngineInvariantError } from '../engine-invariant-error';
import type { EngineAction } from '../engine-action';
import { MAX_STEPS_PER_RESUME, type FlowState } from '../flow-state';
import type { FlowGraph } from '../model/flow-graph';
import {
  countTurnAction,
  describeTurnLimit,
  NEW_TURN,
  TURN_LIMIT_REASONS,
  type TurnCounts,
} from '../turn-limits';
import type { NodeResult, NodeWait } from '../node-runtime';
import { isAllowedOutsideWindow } from '../outgoing-message';
import type { WaitSpec } from '../wait-spec';
import { executeNode, isFailurePort, targetOf } from './run-node';
import type { Step } from './step';
import { appendTranscript, transcriptText } from './transcript';

/**
 * Applies `result` (produced by node `nodeId`) and keeps executing nodes until the run waits or
 * ends. This loop is the only place that moves between nodes; executors only decide.
 */
export function continueRun(
  graph: FlowGraph,
  state: FlowState,
  actions: EngineAction[],
  nodeId: string,
  result: NodeResult,
  now: number,
): Step {
  let current = { nodeId, result };
  for (let executed = 1; ; executed++) {
    const applied = applyResult(state, actions, current.nodeId, current.result, now);
    if ('exceeded' in applied)
      return stopAtTurnLimit(applied.state, actions, current.nodeId, applied.exceeded);
    state = applied.state;
    const outcome = current.result.then;
    if ('wait' in outcome) return waitAt(state, actions, current.nodeId, outcome.wait, outcome.retries, now);
    if ('end' in outcome) return endRun(state, actions, outcome.end, outcome.reason ?? null);
    const node = graph.nodes[current.nodeId];
    const target = targetOf(node, outcome.next);
    if (target === null) {
      return isFailurePort(node, outcome.next)
        ? endRun(state, actions, 'failed', outcome.reason ?? outcome.next)
        : endRun(state, actions, 'completed', null);
    }
    if (executed >= MAX_STEPS_PER_RESUME) {
      actions.push({
        type: 'log',
        nodeId: target,
        level: 'warn',
        message: `The flow ran ${MAX_STEPS_PER_RESUME} nodes without waiting for the customer, a timer or an effect; it loops forever, so it was stopped.`,
      });
      return endRun(state, actions, 'failed', 'step_limit');
    }
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
  actions: EngineAction[],
  nodeId: string,
  limit: keyof TurnCounts,
): Step {
  actions.push({ type: 'log', nodeId, level: 'warn', message: describeTurnLimit(limit) });
  return endRun({ ...state, nodeId }, actions, 'failed', TURN_LIMIT_REASONS[limit]);
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
  actions: EngineAction[],
  nodeId: string,
  wait: NodeWait,
  retries: number | undefined,
  now: number,
): Step {
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
      if ('exceeded' in counted) return stopAtTurnLimit(state, actions, nodeId, counted.exceeded);
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

/** Ends the run with a status action. */
export function endRun(
  state: FlowState,
  actions: EngineAction[],
  status: 'completed' | 'failed' | 'stopped',
  reason: string | null,
): Step {
  actions.push(reason === null ? { type: 'status', status } : { type: 'status', status, reason });
  return { state: { ...state, status, reason, wait: null, handoff: null }, actions, wait: null };
}
