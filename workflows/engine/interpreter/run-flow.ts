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
import { completeTransitions, type NodeTransition } from '../node-transition';
import {
  continueRun,
  endRun,
  executeNode,
  replyDeadline,
  resumeWaitingNode,
  type StepTrail,
  type WalkedStep,
} from './walk-graph';
import { burstAnswer, burstGapOf, extendBurst, opensBurst, startBurst } from './reply-burst';

/** The outcome of startFlow/resumeFlow: the new state, what to do now, and what to wait for next. */
export interface Step {
  state: FlowState;
  /** Perform in order: sends, effects, status changes, logs. */
  actions: EngineAction[];
  /** What the run waits for next; null when the run has ended. */
  wait: WaitSpec | null;
  /** How the run moved through the graph in this step, in order (empty when it stayed put). */
  transitions: NodeTransition[];
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
  const trail: StepTrail = { actions: [], notes: [{ kind: 'entered', nodeId: graph.startNodeId, at: now }] };
  const { actions } = trail;
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
  const walked = continueRun(graph, state, trail, start.id, executeNode(start, state, now), now);
  return finishStep(graph, state, walked, trail);
}

/** The walked step with its notes numbered and timed as transitions (see node-transition.ts). */
function finishStep(graph: FlowGraph, before: FlowState, walked: WalkedStep, trail: StepTrail): Step {
  const { state, transitions } = completeTransitions(graph, before, walked.state, trail.notes);
  return { ...walked, state, transitions };
}

/** A trail that starts with `actions` and no transitions. */
function trailOf(actions: EngineAction[] = []): StepTrail {
  return { actions, notes: [] };
}

/**
 * Feeds one event into a run and executes until its next wait (or its end). Pure: the given
 * state is not modified. Events that answer nothing (a stale timer, a second result, anything
 * after the end) return the state unchanged with no actions.
 */
export function resumeFlow(graph: FlowGraph, state: FlowState, event: FlowEvent): Step {
  if (isFlowEnded(state)) return { state, actions: [], wait: null, transitions: [] };
  const trail = trailOf();
  return finishStep(graph, state, handleEvent(graph, state, event, trail), trail);
}

function handleEvent(graph: FlowGraph, state: FlowState, event: FlowEvent, trail: StepTrail): WalkedStep {
  switch (event.type) {
    case 'stop':
      return endRun(state, trail, 'stopped', event.reason ?? 'stopped', event.at);
    case 'customer_message':
      return receiveCustomerMessage(graph, state, event, trail);
    case 'timer_fired':
      return fireTimer(graph, state, event, trail);
    case 'effect_result':
      return receiveEffectResult(graph, state, event, trail);
    case 'agent_takeover':
      return takeOver(state, event.at, trail);
    case 'agent_release':
      return release(graph, state, event.at, trail);
  }
}

/**
 * Every customer message renews the window and joins the transcript; it answers the run only
 * when the run waits for a reply (or a burst of replies) and no human is in charge. When the flow
 * merges bursts, free text answers through a burst (reply-burst.ts); a tap answers at once.
 */
function receiveCustomerMessage(
  graph: FlowGraph,
  state: FlowState,
  event: CustomerMessageEvent,
  trail: StepTrail,
): WalkedStep {
  const heard: FlowState = {
    ...state,
    lastCustomerMessageAt: Math.max(state.lastCustomerMessageAt ?? event.at, event.at),
    transcript: appendTranscript(state.transcript, { role: 'customer', text: event.text, at: event.at }),
  };
  const wait = heard.handoff ? null : heard.wait;
  if (wait?.kind !== 'reply' && wait?.kind !== 'burst')
    return { state: heard, actions: [], wait: heard.wait };
  if (opensBurst(graph, event)) {
    return wait.kind === 'burst'
      ? extendBurst(heard, wait, event, burstGapOf(graph))
      : startBurst(heard, wait, event, burstGapOf(graph));
  }
  // A tap during a burst is the choice: it answers alone, the typing before it stays in the transcript.
  const reply = { type: 'reply' as const, text: event.text, payload: event.payload, at: event.at };
  return resumeWaitingNode(graph, heard, trail, reply, event.at);
}

function fireTimer(graph: FlowGraph, state: FlowState, event: TimerFiredEvent, trail: StepTrail): WalkedStep {
  const { wait, handoff } = state;
  if (handoff?.source === 'agent') {
    const paused = handoff.paused;
    const pausedTimer = paused && paused.kind !== 'effect' && paused.timerId === event.timerId;
    if (!pausedTimer) return ignore(state);
    const next: FlowState = { ...state, handoff: { ...handoff, pausedTimerFired: true } };
    return { state: next, actions: [], wait: next.wait };
  }
  if (!wait || wait.kind === 'effect' || wait.timerId !== event.timerId) return ignore(state);
  if (wait.kind === 'burst')
    return resumeWaitingNode(graph, state, trail, burstAnswer(wait, event.at), event.at);
  if (wait.kind === 'handoff') {
    const resumed: FlowState = { ...state, status: 'active', handoff: null };
    trail.actions.push({ type: 'status', status: 'active' });
    return resumeWaitingNode(graph, resumed, trail, { type: 'timeout', at: event.at }, event.at);
  }
  return resumeWaitingNode(
    graph,
    state,
    trail,
    { type: wait.kind === 'timer' ? 'timer' : 'timeout', at: event.at },
    event.at,
  );
}

function receiveEffectResult(
  graph: FlowGraph,
  state: FlowState,
  event: EffectResultEvent,
  trail: StepTrail,
): WalkedStep {
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
  return resumeWaitingNode(graph, state, trail, result, event.at);
}

function ignore(state: FlowState): WalkedStep {
  return { state, actions: [], wait: state.wait };
}

/**
 * An agent takes over whatever the flow was waiting for. The wait is paused (its timer firing or
 * its effect answering meanwhile is remembered) and restored on release. A burst pauses as the reply
 * wait it answers: the agent reads what the customer wrote, and on release the node waits afresh.
 */
function takeOver(state: FlowState, at: number, trail: StepTrail): WalkedStep {
  if (state.handoff || !state.wait) return { state, actions: [], wait: state.wait };
  const paused = state.wait.kind === 'burst' ? state.wait.reply : state.wait;
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
      paused,
      pausedTimerFired: false,
      deferredEffect: null,
    },
  };
  trail.notes.push({ kind: 'handed_over', nodeId: state.wait.nodeId, by: 'agent', at });
  trail.actions.push({ type: 'status', status: 'handoff' });
  return { state: next, actions: trail.actions, wait };
}

/**
 * The agent hands the conversation back. A handoff node takes its `released` output; an
 * interrupted wait resumes: a result that arrived meanwhile is applied now, a timer that fired
 * takes the timeout path, a reply wait starts afresh (new timeout from now), a delay keeps its
 * original deadline.
 */
function release(graph: FlowGraph, state: FlowState, at: number, trail: StepTrail): WalkedStep {
  const handoff = state.handoff;
  if (!handoff || !state.wait) return { state, actions: [], wait: state.wait };
  trail.actions.push({ type: 'status', status: 'active' });
  const { actions } = trail;
  if (handoff.source === 'node') {
    const resumed: FlowState = { ...state, status: 'active', handoff: null };
    return resumeWaitingNode(graph, resumed, trail, { type: 'released', at }, at);
  }
  const paused = handoff.paused;
  const restored: FlowState = { ...state, status: 'active', handoff: null, wait: paused };
  if (!paused) return { state: restored, actions, wait: null };
  if (handoff.deferredEffect) {
    const effect = handoff.deferredEffect;
    const event = effect.ok
      ? { type: 'effect' as const, ok: true as const, value: effect.value, at }
      : { type: 'effect' as const, ok: false as const, error: effect.error, at };
    return resumeWaitingNode(graph, restored, trail, event, at);
  }
  if (handoff.pausedTimerFired) {
    return resumeWaitingNode(
      graph,
      restored,
      trail,
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
    case 'burst':
      // takeOver pauses a burst's reply wait instead; named so the switch stays exhaustive.
      return renewWait(state, paused.reply, at);
    case 'effect':
    case 'handoff':
      return paused;
  }
}
