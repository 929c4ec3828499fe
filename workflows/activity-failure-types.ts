/**
 * The `type` names of the `ApplicationFailure`s our activities throw, shared by the activities that
 * throw them and the retry policies that name them (activity-options.ts). Plain constants: workflow
 * code imports this file, so it imports nothing.
 */

/** What can go wrong talking to the Graph API. */
export const whatsAppFailureTypes = {
  /** 131047 or our own check: outside the 24-hour window only templates may be sent. Non-retryable. */
  windowClosed: 'WhatsAppWindowClosed',
  /** Graph rejected the request itself (bad parameter, unknown template, …). Non-retryable. */
  invalidRequest: 'WhatsAppInvalidRequest',
  /** The access token is invalid, expired or lacks permission. Non-retryable until an operator acts. */
  authFailed: 'WhatsAppAuthFailed',
  /** Throughput (130429), pair rate (131056) or app rate limit (80007). Retried with backoff. */
  rateLimited: 'WhatsAppRateLimited',
  /** 5xx, network failure or timeout. Retried with backoff. */
  unavailable: 'WhatsAppUnavailable',
  /** Our own check: the customer opted out of this business number (STOP). Non-retryable, Graph not called. */
  recipientOptedOut: 'WhatsAppRecipientOptedOut',
} as const;

/** Failures of the send activity beyond the WhatsApp ones, and of the store activities. */
export const sendFailureTypes = {
  /** The conversation row is gone (deleted with its user): nothing to send or mirror. Non-retryable. */
  conversationNotFound: 'ConversationNotFound',
  /** The stored access token cannot be decrypted with this deployment's key. Non-retryable. */
  credentialsUnreadable: 'WhatsAppCredentialsUnreadable',
  /** Run outside a workflow without an explicit `sendKey`: nothing would make a retry idempotent. */
  sendKeyMissing: 'SendKeyMissing',
  /** Another attempt holds the send's lease (see outbound-message-store.ts). Retried after it expires. */
  sendInProgress: 'WhatsAppSendInProgress',
} as const;

/** What can go wrong asking the LLM. */
export const llmFailureTypes = {
  /** No OPENAI_API_KEY: AI nodes take their failure edge at once. Non-retryable. */
  notConfigured: 'LlmNotConfigured',
  /** The server rejected the request (bad model name, bad parameters, no quota). Non-retryable. */
  requestRejected: 'LlmRequestRejected',
  /** The API key was refused. Non-retryable until an operator acts. */
  authFailed: 'LlmAuthFailed',
  /** The model refused or answered nothing usable. Non-retryable: the same prompt gets the same answer. */
  noAnswer: 'LlmNoAnswer',
  /** 429 rate limit. Retried with backoff. */
  rateLimited: 'LlmRateLimited',
  /** 5xx, network failure or timeout. Retried with backoff. */
  unavailable: 'LlmUnavailable',
} as const;

/** Reported in a step's result, never thrown: a retried step found the message failed for good earlier. */
export const stepOutcomeFailureTypes = {
  failedEarlier: 'WhatsAppSendFailed',
} as const;
