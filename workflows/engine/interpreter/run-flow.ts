/**
 * The interpreter's entry points: `startFlow` begins a run, `resumeFlow` feeds it one event (a
 * customer message, a timer, an effect result, an agent's takeover or release, a stop).
 */
import type {
  CustomerMessageEvent,
  EffectResultEvent,
  EngineAction,
  FlowEvent,
  OutgoingMessage,
  TimerFiredEvent,
} from '../engine-action';
import {
  appendTranscript,
  type FlowState,
  type FlowTrigger,
  initialFlowState,
  isFlowEnded,
  NEW_TURN,
  transcriptText,
  type WaitSpec,
} from '../flow-state';
import type { FlowGraph } from '../model/flow-graph';
import { toVariableValue, type Variables } from '../variables';
import { continueRun, endRun, executeNode, replyDeadline, resumeWaitingNode } from './walk-graph';

/** The outcome of startFlow/resumeFlow: the new state, what to do now, and what to wait for next. */
export interface Step {
  state: FlowState;
  /** Perform in order: sends, effects, status changes, logs. */
  actions: EngineAction[];
  /** What the run waits for next; null when the run has ended. */
  wait: WaitSpec | null;
}

/** The approved template an outbound trigger opens with, already filled in. */
export type OpeningTemplateMessage = Omit<Extract<OutgoingMessage, { kind: 'template' }>, 'kind'>;

export interface StartFlowOptions {
  /** Epoch ms: the workflow's clock when the run starts. */
  now: number;
  trigger: FlowTrigger;
  /** Initial variables (from the API caller); anything JSON can hold. */
  variables?: Record<string, unknown>;
  /** The customer message that started an inbound run: it opens the window and the transcript. */
  inboundMessage?: { text: string; at: number };
  /** When the customer last wrote, if known from an earlier conversation (keeps an open window open). */
  lastCustomerMessageAt?: number | null;
  /** Sent before the first node: the outbound trigger's template. */
  openingTemplate?: OpeningTemplateMessage;
}

/** Begins a run at the start node and executes until the first wait (or the end). */
export function startFlow(graph: FlowGraph, options: StartFlowOptions): Step {
  const { now, trigger, inboundMessage, openingTemplate } = options;
  const variables: Variables = {};
  for (const [name, value] of Object.entries(options.variables ?? {}))
    variables[name] = toVariableValue(value);
  let state: FlowState = {
    ...initialFlowState(graph.startNodeId, trigger),
    variables,
    lastCustomerMessageAt: inboundMessage?.at ?? options.lastCustomerMessageAt ?? null,
    transcript: inboundMessage
      ? [{ role: 'customer', text: inboundMessage.text, at: inboundMessage.at }]
      : [],
    steps: 1,
  };
  const actions: EngineAction[] = [];
  if (openingTemplate) {
    const message: OutgoingMessage = { kind: 'template', ...openingTemplate };
    actions.push({ type: 'send', nodeId: graph.startNodeId, message });
    state = {
      ...state,
      turn: { ...NEW_TURN, sends: 1 },
      transcript: appendTranscript(state.transcript, { role: 'bot', text: transcriptText(message), at: now }),
    };
  }
  const start = graph.nodes[graph.startNodeId];
  return continueRun(graph, state, actions, start.id, executeNode(start, state, now), now);
}

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
