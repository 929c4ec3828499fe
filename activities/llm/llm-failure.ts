/**
 * How LLM failures reach Temporal: `ApplicationFailure`s named by type, non-retryable where a retry
 * cannot help. The workflow turns an exhausted or non-retryable failure into the node's failure edge.
 */
import { ApplicationFailure } from '@temporalio/common';
import OpenAI from 'openai';
import { llmFailureTypes } from '../../workflows/activity-failure-types';

export { llmFailureTypes };

/** The failure thrown when AI nodes run without an API key. */
export function createLlmNotConfiguredFailure(): ApplicationFailure {
  return ApplicationFailure.create({
    message: 'The LLM is not configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)',
    type: llmFailureTypes.notConfigured,
    nonRetryable: true,
  });
}

/** The failure thrown when the model refused or returned no content. */
export function createLlmNoAnswerFailure(message: string): ApplicationFailure {
  return ApplicationFailure.create({ message, type: llmFailureTypes.noAnswer, nonRetryable: true });
}

/** Maps an error from the `openai` client to the `ApplicationFailure` the activity throws. */
export function toLlmFailure(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  // Connection errors (timeouts included) are APIErrors without a status.
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const { status } = error;
    const message = `LLM request failed with ${status}: ${error.message}`;
    if (status === 429 && error.code !== 'insufficient_quota') {
      return create(llmFailureTypes.rateLimited, message, cause, false);
    }
    if (status >= 500 || status === 408 || status === 409) {
      return create(llmFailureTypes.unavailable, message, cause, false);
    }
    if (status === 401 || status === 403) return create(llmFailureTypes.authFailed, message, cause, true);
    return create(llmFailureTypes.requestRejected, message, cause, true);
  }
  return create(llmFailureTypes.unavailable, `LLM request failed: ${cause.message}`, cause, false);
}

function create(type: string, message: string, cause: Error, nonRetryable: boolean): ApplicationFailure {
  return ApplicationFailure.create({ message, type, nonRetryable, cause });
}
