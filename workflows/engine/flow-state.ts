import type { EffectResultEvent } from './flow-event';
import { NEW_TURN, type TurnCounts } from './turn-limits';
import type { Variables } from './variables';
import type { WaitSpec } from './wait-spec';

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
