/**
 * The one module of Temporal definitions shared by `api/`, `worker/`, `workflows/` and tests:
 * signal/query names, workflow inputs, ids and search attributes. Import it anywhere; it holds no I/O.
 */
// @temporalio/common is what @temporalio/workflow is built on; it holds the search-attribute key helpers.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { FlowGraph } from './engine/model/flow-graph';
import type { OutgoingMessage } from './engine/engine-action';
import type { WaitingFor } from './engine/flow-state';

/** The approved template an outbound trigger opens with, already filled from the caller's params. */
export interface OpeningTemplate {
  name: string;
  language: string;
  bodyParams: string[];
  headerParams?: string[];
  buttonParams?: { index: number; subType: 'quick_reply' | 'url' | 'copy_code'; value: string }[];
}

/** How a run begins; each `source` is one of the engine's `FlowTrigger`s. */
export type ConversationTrigger =
  | { source: 'outbound'; templateGroupId: string; openingTemplate: OpeningTemplate }
  | { source: 'lead' }
  | { source: 'inbound'; firstMessage: CustomerMessage };

/** Input of `conversationWorkflow`. The graph is a snapshot: editing the flow never changes a running run. */
export interface ConversationWorkflowInput {
  conversationId: string;
  flowId: string;
  flowVersion: number;
  /**
   * The flow as the API compiled it when the run started (`compileFlow`): node data checked, ports
   * resolved to node ids. The run trusts it.
   */
  flow: FlowGraph;
  variables: Record<string, unknown>;
  trigger: ConversationTrigger;
  whatsappAccountId: string;
  customerPhone: string;
  /**
   * Hex SHA-256 of `customerPhone` (computed by the starter: workflows cannot hash), for the
   * `CustomerPhoneHash` search attribute. Optional: without it the run is not findable by phone.
   */
  customerPhoneHash?: string;
  /**
   * Continue-as-new after this many handled events even when Temporal does not suggest it yet.
   * Tests set it low; default {@link DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS}.
   */
  continueAsNewAfterEvents?: number;
  /** Present only when the run continues-as-new: the interpreter state and dedupe memory to carry on. */
  carried?: CarriedConversationState;
}

/**
 * The input of runs started before the API compiled flows: the whole Drawflow document, parsed by the
 * run itself. Such runs still run and replay (test/fixtures/histories).
 */
export type LegacyConversationWorkflowInput = Omit<ConversationWorkflowInput, 'flow'> & {
  /** Drawflow JSON exactly as stored in `flows.drawflowData` when the run started. */
  drawflowData: unknown;
};

export interface CarriedConversationState {
  /** The engine's serialisable FlowState. */
  flowState: unknown;
  /** Recent WhatsApp message ids already handled, so a redelivered message is still ignored. */
  seenMessageIds: string[];
}

/** A customer's WhatsApp message, as the webhook stored it. `waMessageId` is the dedupe key. */
export interface CustomerMessage {
  waMessageId: string;
  /** WhatsApp message type: text, interactive, button, image, … */
  type: string;
  text: string;
  /** The id of the button or list row the customer picked, when they picked one. */
  replyId?: string;
  /** When WhatsApp says the customer sent it (epoch ms). */
  sentAt: number;
}

export const customerMessageSignal = defineSignal<[CustomerMessage]>('customerMessage');
export const agentTakeoverSignal = defineSignal<[{ agentId?: string }]>('agentTakeover');
export const agentReleaseSignal = defineSignal<[]>('agentRelease');
export const stopConversationSignal = defineSignal<[{ reason?: string }]>('stopConversation');

/** What `conversationStateQuery` answers: enough for an agent UI and for audits. */
export interface ConversationSnapshot {
  status: 'active' | 'handoff' | 'completed' | 'stopped' | 'failed';
  currentNodeId: string | null;
  variables: Record<string, unknown>;
  /** Epoch ms when the 24-hour customer-service window closes, or null when it is closed/never opened. */
  windowClosesAt: number | null;
  waitingFor: WaitingFor | null;
}

export const conversationStateQuery = defineQuery<ConversationSnapshot>('conversationState');

/** What `conversationWorkflow` returns when its run ends. */
export interface ConversationWorkflowResult {
  status: 'completed' | 'stopped' | 'failed';
  /** Why it failed or stopped (`window_closed`, `timeout`, the stop reason…); null when completed. */
  reason: string | null;
  variables: Record<string, unknown>;
  /** The last node executed. */
  lastNodeId: string | null;
}

/** Handled events before a run continues-as-new on its own (Temporal usually suggests it earlier). */
export const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

/**
 * History length (Temporal events) after which a run continues-as-new. It bounds what a worker with
 * an empty cache replays before the run's next task: ~1 s of workflow thread for 1,000 events on a
 * busy 2-core machine (bench/replay-cost.ts), where a run of 4,000 events — Temporal's own suggestion
 * point — took ~3 s, a third of the workflow task timeout on its own.
 */
export const MAX_HISTORY_EVENTS_PER_RUN = 1_000;

/** Input of `agentReplyWorkflow`: one message an agent sends into a conversation. */
export interface AgentReplyInput {
  conversationId: string;
  message: OutgoingMessage;
}

export interface AgentReplyResult {
  waMessageId: string;
}

/**
 * Prefix of the workflow (an `agentReplyWorkflow`) that confirms a customer's opt-out: the one send an
 * opted-out customer still gets. The send claim recognises it by its send key, which starts with the
 * workflow id.
 */
export const OPT_OUT_CONFIRMATION_WORKFLOW_PREFIX = 'opt-out-confirmation-';

/** The opt-out confirmation's workflow id: one per conversation the STOP ended. */
export function optOutConfirmationWorkflowId(conversationId: string): string {
  return `${OPT_OUT_CONFIRMATION_WORKFLOW_PREFIX}${conversationId}`;
}

/** Workflow ids derive from our own ids only, never from caller-controlled data. */
export function conversationWorkflowId(conversationId: string): string {
  return `conversation-${conversationId}`;
}

/**
 * Custom search attributes our runs set (Keyword type). On a real server they must be registered
 * once per namespace: the dev server gets them as start-up flags, the test server and a cluster
 * through platform/register-search-attributes.ts.
 */
export const searchAttributeNames = {
  flowId: 'FlowId',
  conversationId: 'ConversationId',
  triggerSource: 'TriggerSource',
  /** SHA-256 of the customer phone: findable without putting PII into the visibility store. */
  phoneHash: 'CustomerPhoneHash',
} as const;

/** The typed keys of {@link searchAttributeNames}, for `typedSearchAttributes` on start and upsert. */
export const conversationSearchAttributes = {
  flowId: defineSearchAttributeKey(searchAttributeNames.flowId, SearchAttributeType.KEYWORD),
  conversationId: defineSearchAttributeKey(searchAttributeNames.conversationId, SearchAttributeType.KEYWORD),
  triggerSource: defineSearchAttributeKey(searchAttributeNames.triggerSource, SearchAttributeType.KEYWORD),
  phoneHash: defineSearchAttributeKey(searchAttributeNames.phoneHash, SearchAttributeType.KEYWORD),
} as const;
