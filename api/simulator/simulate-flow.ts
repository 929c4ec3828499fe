/**
 * The flow simulator: plays a script (customer messages, choices, silences, an agent) against a
 * compiled flow on a virtual clock, through the same `startFlow`/`resumeFlow` a conversation run
 * uses, and returns what the customer would have seen. Nothing is sent and nothing is stored:
 * sends are only written down, and effects (http_request, ai_reply, ai_router) get canned answers.
 *
 * It differs from a real run where a run depends on the world: effects answer at once, in order
 * (a real run lets a customer message overtake an effect in flight), and a timer fires exactly at
 * its deadline.
 */
import {
  EngineInvariantError,
  failBrokenRun,
  isFlowEnded,
  type EngineAction,
  type FlowEvent,
  type FlowGraph,
  type FlowState,
  type FlowTrigger,
  type NodeTransition,
  type OutgoingMessage,
  resumeFlow,
  startFlow,
  type Step,
  waitTimer,
  waitingFor,
  type WaitingFor,
  windowClosesAt,
} from '../../workflows/engine';
import { transcriptText } from '../../workflows/engine/flow-state';
import type { CannedAnswer, SimulationStep } from '../schemas/simulator';
import { CannedAnswers } from './canned-answers';
import { SimulationScriptError } from './simulation-script-error';
import { parseVirtualDelay } from './virtual-delay';

/** At most this many engine events per simulation: a flow looping on timers is stopped there. */
export const MAX_SIMULATED_EVENTS = 2_000;

export interface SimulationInput {
  graph: FlowGraph;
  trigger: FlowTrigger;
  /** Epoch ms of the virtual clock at the start. */
  startAt: number;
  variables?: Record<string, unknown>;
  openingTemplate?: { name: string; language: string; bodyParams: string[] };
  script: SimulationStep[];
  answers: Record<string, CannedAnswer | CannedAnswer[]>;
}

/** What made the engine move. */
export type SimulatedInput =
  | { type: 'start'; trigger: FlowTrigger }
  | { type: 'customer'; text: string; choice?: string }
  | { type: 'timer'; timerId: string; waitedOn: string }
  | { type: 'effect'; nodeId: string; kind: string; ok: boolean; answer: unknown }
  | { type: 'agent'; action: 'takeover' | 'release' };

/** One message the customer would receive. */
export interface SimulatedMessage {
  nodeId: string;
  kind: OutgoingMessage['kind'];
  /** As a person reads it (buttons in brackets, a template by name). */
  text: string;
  message: OutgoingMessage;
}

/** Where the run waits after a step. */
export interface SimulatedWait {
  nodeId: string;
  for: WaitingFor;
  /** When its timer fires (the node's timeout or the window's end), if it has one. */
  until: string | null;
}

/** One engine step: the input, what it did, and the state after it. */
export interface SimulatedStep {
  at: string;
  /** Index of the script entry that caused it; null for the start and for effects and timers. */
  scriptIndex: number | null;
  input: SimulatedInput;
  messages: SimulatedMessage[];
  /** The nodes entered in this step, in order. */
  path: string[];
  /** Every move through the graph in this step: entered, left by a port (timed out or not), handed over, ended. */
  transitions: NodeTransition[];
  variables: Record<string, unknown>;
  window: { open: boolean; closesAt: string | null };
  waiting: SimulatedWait | null;
  status: FlowState['status'];
  /** Warnings the flow logged (a turn limit, a loop). */
  notes: string[];
}

export interface SimulationOutcome {
  /** `waiting` when the script ended before the flow did. */
  status: FlowState['status'] | 'waiting';
  reason: string | null;
  nodeId: string | null;
  /** When the flow ended; for `waiting`, where the script left the clock. */
  at: string;
}

export interface SimulationResult {
  startedAt: string;
  endedAt: string;
  steps: SimulatedStep[];
  outcome: SimulationOutcome;
  /** Script entries that had no effect or could not be played, and effects without a canned answer. */
  warnings: string[];
}

/** Runs `input.script` against `input.graph` on a virtual clock. Pure: same input, same result. */
export function simulateFlow(input: SimulationInput): SimulationResult {
  return new Simulation(input).run();
}

class Simulation {
  private clock: number;
  private state!: FlowState;
  private readonly steps: SimulatedStep[] = [];
  private readonly warnings: string[] = [];
  private readonly answers: CannedAnswers;
  private events = 0;
  private messageCount = 0;
  /** The last buttons or list message sent: what `choose` picks from. */
  private lastChoices: { id: string; title: string }[] = [];

  constructor(private readonly input: SimulationInput) {
    this.clock = input.startAt;
    this.answers = new CannedAnswers(input.answers);
  }

  run(): SimulationResult {
    const { script } = this.input;
    let first = 0;
    if (this.input.trigger === 'inbound') {
      const opening = script[0];
      if (!opening || !('customer' in opening)) {
        throw new SimulationScriptError(
          'An inbound run starts with a customer message: make script[0] {"customer": "…"}',
        );
      }
      first = 1;
      this.start(0, opening.customer);
    } else {
      this.start(null);
    }
    let next = first;
    for (; next < script.length && !this.ended(); next++) this.play(next, script[next]);
    // The customer stops typing when the script ends: a burst still open is answered, as in a run.
    const burst = this.state.wait;
    if (!this.ended() && burst?.kind === 'burst') this.advanceTo(burst.deadlineAt);
    for (let index = next; index < script.length; index++)
      this.warnings.push(`script[${index}] was not played: the flow had already ended`);
    return {
      startedAt: new Date(this.input.startAt).toISOString(),
      endedAt: new Date(this.clock).toISOString(),
      steps: this.steps,
      outcome: this.outcome(),
      warnings: this.warnings,
    };
  }

  private start(scriptIndex: number | null, inboundText?: string): void {
    const { graph, trigger, variables, openingTemplate } = this.input;
    const step = this.guard(() =>
      startFlow(graph, {
        now: this.clock,
        trigger,
        variables,
        ...(openingTemplate && trigger === 'outbound' ? { openingTemplate } : {}),
        ...(inboundText === undefined ? {} : { inboundMessage: { text: inboundText, at: this.clock } }),
      }),
    );
    this.record(scriptIndex, { type: 'start', trigger }, step);
  }

  private play(index: number, entry: SimulationStep): void {
    if ('wait' in entry) return this.advanceTo(this.clock + parseVirtualDelay(entry.wait));
    if ('agent' in entry) {
      const event: FlowEvent =
        entry.agent === 'takeover'
          ? { type: 'agent_takeover', at: this.clock }
          : { type: 'agent_release', at: this.clock };
      return this.feed(index, { type: 'agent', action: entry.agent }, event);
    }
    const chosen = 'choose' in entry ? this.findChoice(index, entry.choose) : null;
    const text = chosen ? chosen.title : (entry as { customer: string }).customer;
    this.messageCount += 1;
    const event: FlowEvent = {
      type: 'customer_message',
      messageId: `simulated.${this.messageCount}`,
      text,
      ...(chosen ? { payload: chosen.id } : {}),
      at: this.clock,
    };
    this.feed(index, { type: 'customer', text, ...(chosen ? { choice: chosen.id } : {}) }, event);
  }

  private findChoice(index: number, wanted: string): { id: string; title: string } {
    const choice =
      this.lastChoices.find((option) => option.id === wanted) ??
      this.lastChoices.find((option) => option.title.toLowerCase() === wanted.toLowerCase());
    if (!choice) {
      const offered = this.lastChoices.map((option) => `"${option.title}" (${option.id})`).join(', ');
      throw new SimulationScriptError(
        `script[${index}]: no button or list row "${wanted}" in the last interactive message` +
          (offered ? `; it offered ${offered}` : '; none was sent'),
      );
    }
    return choice;
  }

  /** Lets virtual time pass until `target`, firing each timer that falls due on the way. */
  private advanceTo(target: number): void {
    for (;;) {
      const wait = this.state.wait;
      const timer = wait && !this.ended() ? waitTimer(wait) : null;
      if (!timer || timer.deadlineAt > target || this.overLimit()) break;
      this.clock = Math.max(this.clock, timer.deadlineAt);
      this.feed(
        null,
        { type: 'timer', timerId: timer.timerId, waitedOn: wait?.nodeId ?? '' },
        { type: 'timer_fired', timerId: timer.timerId, at: this.clock },
      );
    }
    this.clock = Math.max(this.clock, target);
  }

  /** Hands one event to the engine, records the step, then answers the effects it started. */
  private feed(scriptIndex: number | null, input: SimulatedInput, event: FlowEvent): void {
    if (this.overLimit()) return;
    const before = this.state;
    const step = this.guard(() => resumeFlow(this.input.graph, before, event));
    if (scriptIndex !== null && step.actions.length === 0 && step.state === before) {
      this.warnings.push(`script[${scriptIndex}] changed nothing: the flow was not waiting for it`);
    }
    this.record(scriptIndex, input, step);
  }

  private record(scriptIndex: number | null, input: SimulatedInput, step: Step): void {
    this.events += 1;
    this.state = step.state;
    const messages: SimulatedMessage[] = [];
    const notes: string[] = [];
    for (const action of step.actions) this.collect(action, messages, notes);
    const closesAt = windowClosesAt(this.state);
    this.steps.push({
      at: new Date(this.clock).toISOString(),
      scriptIndex,
      input,
      messages,
      path: step.transitions.flatMap((move) => (move.kind === 'entered' ? [move.nodeId] : [])),
      transitions: step.transitions,
      variables: this.state.variables,
      window: {
        open: closesAt !== null && closesAt > this.clock,
        closesAt: closesAt === null ? null : new Date(closesAt).toISOString(),
      },
      waiting: this.describeWait(),
      status: this.state.status,
      notes,
    });
    for (const action of step.actions) if (action.type === 'effect') this.answer(action);
    if (this.overLimit() && !this.ended()) {
      this.warnings.push(
        `Stopped after ${MAX_SIMULATED_EVENTS} engine events: the flow keeps going on its own`,
      );
    }
  }

  private collect(action: EngineAction, messages: SimulatedMessage[], notes: string[]): void {
    switch (action.type) {
      case 'send': {
        const { message } = action;
        messages.push({ nodeId: action.nodeId, kind: message.kind, text: transcriptText(message), message });
        if (message.kind === 'buttons') this.lastChoices = message.buttons;
        if (message.kind === 'list') this.lastChoices = message.sections.flatMap((section) => section.rows);
        break;
      }
      case 'log':
        if (action.level === 'warn') notes.push(action.message);
        break;
      default:
        break;
    }
  }

  /** Feeds the canned answer of an effect back as its result, at the same virtual instant. */
  private answer(effect: Extract<EngineAction, { type: 'effect' }>): void {
    const answer = this.answers.next(effect.nodeId, effect.kind);
    if (!answer) {
      this.warnings.push(
        `No canned answer for ${effect.kind} node ${effect.nodeId}: it failed as if unreachable`,
      );
    }
    const canned = answer ?? { error: 'simulator: no canned answer' };
    const ok = !('error' in canned);
    const event: FlowEvent = ok
      ? {
          type: 'effect_result',
          effectId: effect.effectId,
          ok: true,
          value: toEffectValue(canned),
          at: this.clock,
        }
      : { type: 'effect_result', effectId: effect.effectId, ok: false, error: canned.error, at: this.clock };
    this.feed(null, { type: 'effect', nodeId: effect.nodeId, kind: effect.kind, ok, answer: canned }, event);
  }

  /** The same guard as a conversation run: a broken engine invariant fails the run. */
  private guard(compute: () => Step): Step {
    try {
      return compute();
    } catch (error) {
      if (!(error instanceof EngineInvariantError)) throw error;
      this.warnings.push(`The engine stopped the run: ${error.message}`);
      // this.state is only undefined when startFlow itself broke.
      const { graph, trigger } = this.input;
      return failBrokenRun(graph, this.state as FlowState | undefined, trigger, this.clock);
    }
  }

  private describeWait(): SimulatedWait | null {
    const { wait } = this.state;
    const kind = waitingFor(this.state);
    if (!wait || kind === null) return null;
    const timer = waitTimer(wait);
    return { nodeId: wait.nodeId, for: kind, until: timer ? new Date(timer.deadlineAt).toISOString() : null };
  }

  private outcome(): SimulationOutcome {
    const { status, reason, nodeId } = this.state;
    return {
      status: this.ended() ? status : 'waiting',
      reason: this.ended() ? reason : null,
      nodeId,
      at: this.ended()
        ? (this.steps.at(-1)?.at ?? new Date(this.clock).toISOString())
        : new Date(this.clock).toISOString(),
    };
  }

  private ended(): boolean {
    return isFlowEnded(this.state);
  }

  private overLimit(): boolean {
    return this.events >= MAX_SIMULATED_EVENTS;
  }
}

/** A canned answer as the effect's value: an HTTP response, an AI reply text or an AI route. */
function toEffectValue(answer: Exclude<CannedAnswer, { error: string }>): unknown {
  if ('status' in answer) return { status: answer.status, body: answer.body ?? null };
  return answer;
}
