import type { EngineAction } from '../engine-action';
import type { FlowState } from '../flow-state';
import type { FlowGraph } from '../model/flow-graph';
import type { WaitSpec } from '../wait-spec';
import { resumeWaitingNode } from './resume-waiting-node';
import type { Step } from './step';
import { replyDeadline } from './walk-graph';

/**
 * An agent takes over whatever the flow was waiting for. The wait is paused (its timer firing or
 * its effect answering meanwhile is remembered) and restored on release.
 */
export function takeOver(state: FlowState, at: number): Step {
  if (state.handoff || !state.wait) return { state, actions: [], wait: state.wait };
  const wait: WaitSpec = {
    kind: 'handoff',
    nodeId: state.wait.nodeId,
    timerId: `handoff:agent:${state.sequence + 1}`,
    deadlineAt: null,
  };
  const next: FlowState = {
    ...state,
    status: 'handoff',
    wait,
    sequence: state.sequence + 1,
    handoff: {
      source: 'agent',
      since: at,
      paused: state.wait,
      pausedTimerFired: false,
      deferredEffect: null,
    },
  };
  return { state: next, actions: [{ type: 'status', status: 'handoff' }], wait };
}

/**
 * The agent hands the conversation back. A handoff node takes its `released` output; an
 * interrupted wait resumes: a result that arrived meanwhile is applied now, a timer that fired
 * takes the timeout path, a reply wait starts afresh (new timeout from now), a delay keeps its
 * original deadline.
 */
export function release(graph: FlowGraph, state: FlowState, at: number): Step {
  const handoff = state.handoff;
  if (!handoff || !state.wait) return { state, actions: [], wait: state.wait };
  const actions: EngineAction[] = [{ type: 'status', status: 'active' }];
  if (handoff.source === 'node') {
    const resumed: FlowState = { ...state, status: 'active', handoff: null };
    return resumeWaitingNode(graph, resumed, actions, { type: 'released', at }, at);
  }
  const paused = handoff.paused;
  const restored: FlowState = { ...state, status: 'active', handoff: null, wait: paused };
  if (!paused) return { state: restored, actions, wait: null };
  if (handoff.deferredEffect) {
    const effect = handoff.deferredEffect;
    const event = effect.ok
      ? { type: 'effect' as const, ok: true as const, value: effect.value, at }
      : { type: 'effect' as const, ok: false as const, error: effect.error, at };
    return resumeWaitingNode(graph, restored, actions, event, at);
  }
  if (handoff.pausedTimerFired) {
    return resumeWaitingNode(
      graph,
      restored,
      actions,
      { type: paused.kind === 'timer' ? 'timer' : 'timeout', at },
      at,
    );
  }
  const wait = renewWait(restored, paused, at);
  return { state: { ...restored, wait, sequence: restored.sequence + 1 }, actions, wait };
}

function renewWait(state: FlowState, paused: WaitSpec, at: number): WaitSpec {
  const suffix = `:r${state.sequence + 1}`;
  switch (paused.kind) {
    case 'reply':
      return {
        ...paused,
        timerId: paused.timerId + suffix,
        deadlineAt: replyDeadline(state, at, paused.timeoutMs),
      };
    case 'timer':
      return { ...paused, timerId: paused.timerId + suffix };
    case 'effect':
    case 'handoff':
      return paused;
  }
}
