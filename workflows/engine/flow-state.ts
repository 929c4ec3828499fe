/**
 * A run's state and the rules on it: `FlowState` (plain JSON, carried across continue-as-new), its
 * initial value, what it waits for (`WaitSpec`), the customer's 24-hour window, the bounded
 * transcript, the per-turn limits, and the error for a broken engine invariant.
 */
import type { ChatTurn, EffectResultEvent, EngineAction, OutgoingMessage } from './engine-action';
import type { Variables } from './variables';

/** How a conversation's run began. Outbound and lead runs start with the 24-hour window closed. */
export type FlowTrigger = 'outbound' | 'lead' | 'inbound';

/** A run's status: the same words as the workflow's `ConversationSnapshot.status`. */
export type FlowStatus = 'active' | 'handoff' | 'completed' | 'failed' | 'stopped';

/** One line of the bounded transcript ai_reply and ai_router send to the LLM. */
export interface TranscriptEntry {
  role: 'customer' | 'bot';
  text: string;
  at: number;
}

/**
 * The whole interpreter state of one run. Plain JSON: the workflow carries it across
 * continue-as-new and may return it from a query.
 */
export interface FlowState {
  version: 1;
  status: FlowStatus;
  /** Why the run failed or stopped (`window_closed`, `step_limit`, a port name…); null otherwise. */
  reason: string | null;
  trigger: FlowTrigger;
  /** The node being executed or waited on; null once the run has ended past the last node. */
  nodeId: string | null;
  variables: Variables;
  wait: WaitSpec | null;
  /** Re-prompts already spent at the current node (question, buttons, list). */
  retries: number;
  /** Epoch ms of the customer's latest message; drives the 24-hour window. */
  lastCustomerMessageAt: number | null;
  /** Set while a human is in charge (a handoff node, or an agent took over). */
  handoff: HandoffState | null;
  /** The latest messages both ways, oldest first, at most TRANSCRIPT_LIMIT. */
  transcript: TranscriptEntry[];
  /** Nodes executed in this run so far. */
  steps: number;
  /** Sequence for timer and effect ids, so ids are unique within a run and deterministic. */
  sequence: number;
  /**
   * What the current turn has done, against TURN_LIMITS. Absent in states carried over from before
   * the limits existed, which counts as a new turn.
   */
  turn?: TurnCounts;
  /**
   * Node transitions reported so far (see node-transition.ts); absent in states from before they
   * were reported, which counts as none.
   */
  transitionCount?: number;
  /** Epoch ms the run entered `nodeId`; absent until a transition was reported. */
  nodeEnteredAt?: number;
}

/** Bookkeeping for a human takeover. */
export interface HandoffState {
  /** `node`: a handoff node is waiting; `agent`: an agent interrupted whatever the flow waited for. */
  source: 'node' | 'agent';
  since: number;
  /** For `agent`: the wait to restore on release. */
  paused: WaitSpec | null;
  /** For `agent`: the paused wait's timer fired meanwhile, so release takes the timeout path. */
  pausedTimerFired: boolean;
  /** For `agent`: the paused effect's result arrived meanwhile; it is applied on release. */
  deferredEffect: EffectResultEvent | null;
}

/** How many transcript entries a run keeps (bounded so state and LLM prompts stay small). */
export const TRANSCRIPT_LIMIT = 30;

/** Nodes one `startFlow`/`resumeFlow` call may execute before the run is failed as a runaway loop. */
export const MAX_STEPS_PER_RESUME = 500;

/** A run about to execute its start node: nothing done, nothing waited for, nothing heard yet. */
export function initialFlowState(startNodeId: string, trigger: FlowTrigger): FlowState {
  return {
    version: 1,
    status: 'active',
    reason: null,
    trigger,
    nodeId: startNodeId,
    variables: {},
    wait: null,
    retries: 0,
    lastCustomerMessageAt: null,
    handoff: null,
    transcript: [],
    steps: 0,
    sequence: 0,
    turn: { ...NEW_TURN },
  };
}

/** Whether the run is over; ended runs ignore every further event. */
export function isFlowEnded(state: FlowState): boolean {
  return state.status === 'completed' || state.status === 'failed' || state.status === 'stopped';
}

/** What a waiting run waits for, as the status query and the simulator name it. */
export type WaitingFor = 'customer_reply' | 'delay' | 'effect' | 'agent';

/** What the run waits for now; null once it has ended. A human in charge is `agent` whatever was paused. */
export function waitingFor(state: FlowState): WaitingFor | null {
  if (isFlowEnded(state) || !state.wait) return null;
  if (state.handoff) return 'agent';
  switch (state.wait.kind) {
    case 'reply':
    case 'burst':
      return 'customer_reply';
    case 'timer':
      return 'delay';
    case 'effect':
      return 'effect';
    case 'handoff':
      return 'agent';
  }
}

/**
 * What a flow run waits for after a step. The workflow arms one durable timer for `deadlineAt`
 * (when not null) and feeds back `timer_fired` with the same `timerId`; `deadlineAt` already
 * includes the WhatsApp window cap for replies.
 */
export type WaitSpec =
  | ReplyWaitSpec
  | BurstWaitSpec
  | { kind: 'timer'; nodeId: string; timerId: string; durationMs: number; deadlineAt: number }
  | { kind: 'effect'; nodeId: string; effectId: string }
  | {
      kind: 'handoff';
      /** The handoff node, or the node an agent interrupted. */
      nodeId: string;
      timerId: string;
      timeoutMs?: number;
      deadlineAt: number | null;
    };

/** A node (question, buttons, list) waits for the customer's answer. */
export interface ReplyWaitSpec {
  kind: 'reply';
  nodeId: string;
  timerId: string;
  /** The node's own timeout, before the window cap. */
  timeoutMs?: number;
  /** Epoch ms: min(node timeout, window close) — null when neither applies. */
  deadlineAt: number | null;
}

/**
 * The customer has begun answering a reply wait in free text and the flow merges bursts
 * (interpreter/reply-burst.ts): more messages may follow before the node is answered, once.
 */
export interface BurstWaitSpec {
  kind: 'burst';
  nodeId: string;
  timerId: string;
  /** The burst's messages so far, joined by newlines: the node's answer when the timer fires. */
  text: string;
  /** Epoch ms of the burst's first message. */
  startedAt: number;
  /** Epoch ms: the quiet gap after the latest message, capped by the burst's limit and the reply's deadline. */
  deadlineAt: number;
  /** The wait the burst answers: what an agent's takeover pauses, and what a tap answers at once. */
  reply: ReplyWaitSpec;
}

/** Whether the wait needs a durable timer, and for which id. */
export function waitTimer(wait: WaitSpec): { timerId: string; deadlineAt: number } | null {
  if (wait.kind === 'effect' || wait.deadlineAt === null) return null;
  return { timerId: wait.timerId, deadlineAt: wait.deadlineAt };
}

/** How long a customer message keeps the WhatsApp customer-service window open. */
export const CUSTOMER_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The part of FlowState the window depends on. */
export interface WindowClock {
  /** Epoch ms of the customer's latest message; null when they have not written in this run. */
  lastCustomerMessageAt: number | null;
}

/**
 * When the 24-hour customer-service window closes (epoch ms), or null when the customer never wrote.
 * Only customer messages open or renew it — our own messages, templates included, never do.
 */
export function windowClosesAt(state: WindowClock): number | null {
  return state.lastCustomerMessageAt === null ? null : state.lastCustomerMessageAt + CUSTOMER_WINDOW_MS;
}

/** Whether a non-template message may be sent at `now`. */
export function isWindowOpen(state: WindowClock, now: number): boolean {
  const closesAt = windowClosesAt(state);
  return closesAt !== null && now < closesAt;
}

/** Appends to the transcript, dropping the oldest entries past TRANSCRIPT_LIMIT. */
export function appendTranscript(
  transcript: readonly TranscriptEntry[],
  entry: TranscriptEntry,
): TranscriptEntry[] {
  const appended = [...transcript, entry];
  return appended.length > TRANSCRIPT_LIMIT ? appended.slice(appended.length - TRANSCRIPT_LIMIT) : appended;
}

/** What the LLM should read for a message we sent. */
export function transcriptText(message: OutgoingMessage): string {
  switch (message.kind) {
    case 'text':
      return message.body;
    case 'media':
      return message.caption ? `[${message.mediaType}] ${message.caption}` : `[${message.mediaType}]`;
    case 'buttons':
      return `${message.body}\n${message.buttons.map((button) => `[${button.title}]`).join(' ')}`;
    case 'list':
      return `${message.body}\n${message.sections.flatMap((section) => section.rows.map((row) => `- ${row.title}`)).join('\n')}`;
    case 'template':
      return `[template ${message.name}] ${message.bodyParams.join(' | ')}`.trim();
  }
}

/** The run's transcript as LLM chat turns: the customer is `user`, the bot `assistant`. */
export function toChatTurns(transcript: readonly TranscriptEntry[]): ChatTurn[] {
  return transcript.map((entry) => ({
    role: entry.role === 'customer' ? 'user' : 'assistant',
    content: entry.text,
  }));
}

/**
 * The most one turn of a run may do. A turn lasts from a start or an outside event (the customer's
 * reply, a timer, an agent) until the run waits for the next one; HTTP and LLM results arrive
 * within it. Far above what a flow that waits does (a long onboarding sends ~10 messages in a row),
 * they stop a loop that never waits — a graph stored before the validator refused such loops.
 */
export const TURN_LIMITS = { sends: 50, httpRequests: 50, aiCalls: 50 } as const;

/** What a turn has done so far, per limit. */
export type TurnCounts = Record<keyof typeof TURN_LIMITS, number>;

/** The run's `reason` when a limit stops it. */
export const TURN_LIMIT_REASONS = {
  sends: 'send_limit',
  httpRequests: 'http_request_limit',
  aiCalls: 'ai_call_limit',
} as const satisfies Record<keyof TurnCounts, string>;

const WHAT: Record<keyof TurnCounts, string> = {
  sends: 'messages',
  httpRequests: 'HTTP requests',
  aiCalls: 'LLM calls',
};

/** Nothing done yet: a new turn. */
export const NEW_TURN: Readonly<TurnCounts> = { sends: 0, httpRequests: 0, aiCalls: 0 };

/** The limit `action` counts against, or null (status changes and logs are free). */
export function turnLimitOf(action: EngineAction): keyof TurnCounts | null {
  switch (action.type) {
    case 'send':
      return 'sends';
    case 'effect':
      return action.kind === 'http_request' ? 'httpRequests' : 'aiCalls';
    case 'status':
    case 'log':
      return null;
  }
}

/** `counts` after `action`, or the limit it would break (then the action must not happen). */
export function countTurnAction(
  counts: Readonly<TurnCounts> | undefined,
  action: EngineAction,
): { counts: TurnCounts } | { exceeded: keyof TurnCounts } {
  const before = { ...NEW_TURN, ...counts };
  const limit = turnLimitOf(action);
  if (limit === null) return { counts: before };
  if (before[limit] >= TURN_LIMITS[limit]) return { exceeded: limit };
  return { counts: { ...before, [limit]: before[limit] + 1 } };
}

/** The log line that says which limit stopped the run. */
export function describeTurnLimit(limit: keyof TurnCounts): string {
  return `The flow made ${TURN_LIMITS[limit]} ${WHAT[limit]} without waiting for the customer, a timer or an agent (the limit per turn), so it was stopped before making more: it loops without waiting (reason ${TURN_LIMIT_REASONS[limit]}).`;
}

/**
 * A broken engine invariant (a bug, never bad input): e.g. a session message produced while the
 * window is closed, or a node resumed that cannot wait. Expected node failures never throw; they
 * take the node's failure output instead.
 */
export class EngineInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineInvariantError';
  }
}
