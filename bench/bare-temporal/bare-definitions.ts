/**
 * What the bare-Temporal baseline's workflows, worker and drivers share: the reply signal, the
 * workflows' inputs and the worker process's HTTP routes. The baseline is a conversation with
 * everything FlowBot adds taken away (see bare-workflows.ts).
 */
import { defineSignal } from '@temporalio/workflow';

/** A customer's answer; the run sends its next message on it. */
export const bareReplySignal = defineSignal<[]>('bareReply');

/** Input of `bareConversationWorkflow`. */
export interface BareConversationInput {
  /** Recipient digits at the fake Graph API: the driver watches arrivals per recipient. */
  to: string;
  /**
   * Answers the run waits for, each followed by one send. 1 is exactly a conversation's shape
   * (start → send → wait → send → complete); the reply pairing uses FlowBot's three turns.
   */
  replies: number;
}

/** Input of `bareActivityChainWorkflow`. */
export interface BareChainInput {
  to: string;
  /** Sends in sequence, one activity each. */
  activities: number;
}

/** The bare process's HTTP routes, as thin as an HTTP endpoint gets (node:http, no middleware). */
export const bareRoutes = {
  /** POST, body `{"to": "<digits>"}`: starts a conversation-shaped run; 201 `{"workflowId"}`. */
  start: '/start',
  /** POST `/reply/<workflowId>`: signals the run; 200. */
  reply: '/reply/',
  /** GET: 200 once the worker runs. */
  ready: '/readyz',
} as const;

/** Task queue and Graph phone-number id the bare process is started with. */
export const BARE_PHONE_NUMBER_ID = '100000000000001';
