/**
 * Small helpers for engine tests: run a flow with an open window, answer its waits, and read
 * what it asked the workflow to do. Events are always built here so their shapes stay in one place.
 */
import assert from 'node:assert/strict';
import {
  resumeFlow,
  startFlow,
  type EffectAction,
  type FlowGraph,
  type LogAction,
  type OutgoingMessage,
  type StartFlowOptions,
  type StatusAction,
  type Step,
  type WaitSpec,
} from '../../workflows/engine';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** A fixed "now" so tests never read the clock. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Starts an inbound run: the customer just wrote "hi" at T0, so the window is open. */
export function startInbound(graph: FlowGraph, options: Partial<StartFlowOptions> = {}): Step {
  return startFlow(graph, {
    now: T0,
    trigger: 'inbound',
    inboundMessage: { text: 'hi', at: T0 },
    ...options,
  });
}

/** Starts an outbound run: the window is closed until the customer writes. */
export function startOutbound(graph: FlowGraph, options: Partial<StartFlowOptions> = {}): Step {
  return startFlow(graph, { now: T0, trigger: 'outbound', ...options });
}

let messageCounter = 0;

/** The customer writes `text` (or taps a button with `payload`). */
export function reply(graph: FlowGraph, step: Step, text: string, at = T0 + MINUTE, payload?: string): Step {
  messageCounter += 1;
  return resumeFlow(graph, step.state, {
    type: 'customer_message',
    messageId: `wamid.${messageCounter}`,
    text,
    payload,
    at,
  });
}

/** The timer of the current wait fires at its deadline (or at `at`). */
export function fireTimer(graph: FlowGraph, step: Step, at?: number): Step {
  const wait = step.wait;
  assert.ok(wait && wait.kind !== 'effect', `expected a wait with a timer, got ${JSON.stringify(wait)}`);
  const when = at ?? wait.deadlineAt ?? T0 + 100 * HOUR;
  return resumeFlow(graph, step.state, { type: 'timer_fired', timerId: wait.timerId, at: when });
}

/** The pending effect succeeds with `value`. */
export function effectSucceeds(graph: FlowGraph, step: Step, value: unknown, at = T0 + 2 * MINUTE): Step {
  const wait = step.wait;
  assert.ok(wait?.kind === 'effect', `expected an effect wait, got ${JSON.stringify(wait)}`);
  return resumeFlow(graph, step.state, {
    type: 'effect_result',
    effectId: wait.effectId,
    ok: true,
    value,
    at,
  });
}

/** The pending effect fails with `error`. */
export function effectFails(graph: FlowGraph, step: Step, error: string, at = T0 + 2 * MINUTE): Step {
  const wait = step.wait;
  assert.ok(wait?.kind === 'effect', `expected an effect wait, got ${JSON.stringify(wait)}`);
  return resumeFlow(graph, step.state, {
    type: 'effect_result',
    effectId: wait.effectId,
    ok: false,
    error,
    at,
  });
}

export function sent(step: Step): OutgoingMessage[] {
  return step.actions.flatMap((action) => (action.type === 'send' ? [action.message] : []));
}

/** The bodies of sent text messages, for short assertions. */
export function sentTexts(step: Step): string[] {
  return sent(step).map((message) => (message.kind === 'text' ? message.body : `<${message.kind}>`));
}

export function effects(step: Step): EffectAction[] {
  return step.actions.filter((action): action is EffectAction => action.type === 'effect');
}

export function statuses(step: Step): StatusAction[] {
  return step.actions.filter((action): action is StatusAction => action.type === 'status');
}

export function logs(step: Step): LogAction[] {
  return step.actions.filter((action): action is LogAction => action.type === 'log');
}

/** Asserts the run ended with `status` (and `reason`, when given). */
export function assertEnded(step: Step, status: 'completed' | 'failed' | 'stopped', reason?: string): void {
  assert.equal(step.wait, null, 'the run should have ended');
  assert.equal(step.state.status, status);
  if (reason !== undefined) assert.equal(step.state.reason, reason);
  const last = statuses(step).at(-1);
  assert.equal(last?.status, status, 'the last status action should announce the end');
  if (reason !== undefined) assert.equal(last?.reason, reason);
}

/** Asserts the run waits on node `nodeId` for `kind`. */
export function assertWaiting(step: Step, kind: WaitSpec['kind'], nodeId: string): void {
  assert.equal(step.wait?.kind, kind, `expected a ${kind} wait, got ${JSON.stringify(step.wait)}`);
  assert.equal(step.wait?.nodeId, nodeId);
  assert.equal(step.state.nodeId, nodeId);
}

/** Starts a run with explicit options (trigger `lead` unless given). */
export function startFlowAt(graph: FlowGraph, options: Partial<StartFlowOptions>): Step {
  return startFlow(graph, { now: T0, trigger: 'lead', ...options });
}
