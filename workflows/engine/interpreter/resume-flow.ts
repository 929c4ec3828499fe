import type { CustomerMessageEvent, EffectResultEvent, FlowEvent, TimerFiredEvent } from '../flow-event';
import { isFlowEnded, type FlowState } from '../flow-state';
import type { FlowGraph } from '../model/flow-graph';
import { takeOver, release } from './agent-handoff';
import { resumeWaitingNode } from './resume-waiting-node';
import type { Step } from './step';
import { appendTranscript } from './transcript';
import { endRun } from './walk-graph';

/**
 * Feeds one event into a run and executes until its next wait (or its end). Pure: the given
 * state is not modified. Events that answer nothing (a stale timer, a second result, anything
 * after the end) return the state unchanged with no actions.
 */
export function resumeFlow(graph: FlowGraph, state: FlowState, event: FlowEvent): Step {
  if (isFlowEnded(state)) return { state, actions: [], wait: null };
  switch (event.type) {
    case 'stop':
      return endRun(state, [], 'stopped', event.reason ?? 'stopped');
    case 'customer_message':
      return receiveCustomerMessage(graph, state, event);
    case 'timer_fired':
      return fireTimer(graph, state, event);
    case 'effect_result':
      return receiveEffectResult(graph, state, event);
    case 'agent_takeover':
      return takeOver(state, event.at);
    case 'agent_release':
      return release(graph, state, event.at);
  }
}

/**
 * Every customer message renews the window and joins the transcript; it answers the run only
 * when the run waits for a reply and no human is in charge.
 */
function receiveCustomerMessage(graph: FlowGraph, state: FlowState, event: CustomerMessageEvent): Step {
  const heard: FlowState = {
    ...state,
    lastCustomerMessageAt: Math.max(state.lastCustomerMessageAt ?? event.at, event.at),
    transcript: appendTranscript(state.transcript, { role: 'customer', text: event.text, at: event.at }),
  };
  if (heard.handoff || heard.wait?.kind !== 'reply') return { state: heard, actions: [], wait: heard.wait };
  const reply = { type: 'reply' as const, text: event.text, payload: event.payload, at: event.at };
  return resumeWaitingNode(graph, heard, [], reply, event.at);
}

function fireTimer(graph: FlowGraph, state: FlowState, event: TimerFiredEvent): Step {
  const { wait, handoff } = state;
  if (handoff?.source === 'agent') {
    const paused = handoff.paused;
    const pausedTimer = paused && paused.kind !== 'effect' && paused.timerId === event.timerId;
    if (!pausedTimer) return ignore(state);
    const next: FlowState = { ...state, handoff: { ...handoff, pausedTimerFired: true } };
    return { state: next, actions: [], wait: next.wait };
  }
  if (!wait || wait.kind === 'effect' || wait.timerId !== event.timerId) return ignore(state);
  if (wait.kind === 'handoff') {
    const resumed: FlowState = { ...state, status: 'active', handoff: null };
    return resumeWaitingNode(
      graph,
      resumed,
      [{ type: 'status', status: 'active' }],
      { type: 'timeout', at: event.at },
      event.at,
    );
  }
  return resumeWaitingNode(
    graph,
    state,
    [],
    { type: wait.kind === 'timer' ? 'timer' : 'timeout', at: event.at },
    event.at,
  );
}

function receiveEffectResult(graph: FlowGraph, state: FlowState, event: EffectResultEvent): Step {
  const { wait, handoff } = state;
  if (handoff?.source === 'agent') {
    const paused = handoff.paused;
    if (paused?.kind !== 'effect' || paused.effectId !== event.effectId || handoff.deferredEffect)
      return ignore(state);
    const next: FlowState = { ...state, handoff: { ...handoff, deferredEffect: event } };
    return { state: next, actions: [], wait: next.wait };
  }
  if (wait?.kind !== 'effect' || wait.effectId !== event.effectId) return ignore(state);
  const result = event.ok
    ? { type: 'effect' as const, ok: true as const, value: event.value, at: event.at }
    : { type: 'effect' as const, ok: false as const, error: event.error, at: event.at };
  return resumeWaitingNode(graph, state, [], result, event.at);
}

function ignore(state: FlowState): Step {
  return { state, actions: [], wait: state.wait };
}
