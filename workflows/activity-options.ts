/**
 * How workflows call activities: timeouts and retry policies per activity family. The failure types
 * they name come from activity-failure-types.ts, the module the activities throw them from.
 */
import type { ActivityOptions } from '@temporalio/workflow';
import { llmFailureTypes, sendFailureTypes, whatsAppFailureTypes } from './activity-failure-types';

/** Failures a retry cannot fix: sending again, or asking the LLM again, gives the same answer. */
export const nonRetryableFailureTypes = [
  whatsAppFailureTypes.windowClosed,
  whatsAppFailureTypes.invalidRequest,
  whatsAppFailureTypes.authFailed,
  whatsAppFailureTypes.recipientOptedOut,
  sendFailureTypes.credentialsUnreadable,
  sendFailureTypes.conversationNotFound,
  sendFailureTypes.sendKeyMissing,
  llmFailureTypes.notConfigured,
  llmFailureTypes.requestRejected,
  llmFailureTypes.authFailed,
  llmFailureTypes.noAnswer,
] as const;

/**
 * WhatsApp sends. One attempt is bounded by the Graph timeout (15 s) plus pacing and two database
 * writes; rate limits (130429/131056) and 5xx retry with backoff for up to an hour, after which the
 * conversation moves on without that message (see conversation-run.ts). Retries never double-send:
 * the activity keys each send by run + activity id.
 */
export const sendActivityOptions: ActivityOptions = {
  startToCloseTimeout: '45 seconds',
  scheduleToCloseTimeout: '1 hour',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [...nonRetryableFailureTypes],
  },
};

/** An agent's reply: the API waits for the answer, so give up after two minutes rather than an hour. */
export const agentReplySendActivityOptions: ActivityOptions = {
  ...sendActivityOptions,
  scheduleToCloseTimeout: '2 minutes',
};

/**
 * LLM calls (ai_reply, ai_router). One attempt is bounded by OPENAI_TIMEOUT_MS (30 s by default);
 * three attempts, then the node takes its failure output.
 */
export const llmActivityOptions: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 3,
    nonRetryableErrorTypes: [...nonRetryableFailureTypes],
  },
};

/**
 * The http_request node: one attempt only — a POST to someone else's API is not ours to repeat; the
 * activity reports expected failures as `{ ok: false }` and the node takes its failure output.
 */
export const httpRequestActivityOptions: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 1 },
};

/**
 * Mirroring the run into PostgreSQL. Retried without limit (a database outage pauses the run rather
 * than losing its final status, which frees the customer's phone for the next conversation); only a
 * deleted conversation row stops it.
 */
export const storeActivityOptions: ActivityOptions = {
  // One UPDATE: an attempt lost with a killed worker is retried after this, so keep it short.
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [sendFailureTypes.conversationNotFound],
  },
};

/**
 * One engine step's sends and row change in one activity (performStep): the retry policy of a send
 * (the step gives up after an hour like a send; the run then records its change on its own), and an
 * attempt bounded like one send per message, since they go out one after the other.
 */
export function stepActivityOptions(sendCount: number): ActivityOptions {
  return { ...sendActivityOptions, startToCloseTimeout: `${45 * Math.max(1, sendCount)} seconds` };
}
