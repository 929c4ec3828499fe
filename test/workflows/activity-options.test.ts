/** The retry policies name the failure types the activities throw (one shared module of names); keep the list honest. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { llmFailureTypes, sendFailureTypes, whatsAppFailureTypes } from '../../activities';
import { nonRetryableFailureTypes, sendActivityOptions } from '../../workflows/activity-options';

describe('activity options', () => {
  it('names exactly the activities’ non-retryable failure types', () => {
    const expected = [
      whatsAppFailureTypes.windowClosed,
      whatsAppFailureTypes.invalidRequest,
      whatsAppFailureTypes.authFailed,
      sendFailureTypes.credentialsUnreadable,
      sendFailureTypes.conversationNotFound,
      sendFailureTypes.sendKeyMissing,
      llmFailureTypes.notConfigured,
      llmFailureTypes.requestRejected,
      llmFailureTypes.authFailed,
      llmFailureTypes.noAnswer,
    ];
    assert.deepEqual([...nonRetryableFailureTypes].sort(), [...expected].sort());
  });

  it('retries the failures a retry can fix', () => {
    const nonRetryable: readonly string[] = sendActivityOptions.retry?.nonRetryableErrorTypes ?? [];
    for (const type of [
      whatsAppFailureTypes.rateLimited,
      whatsAppFailureTypes.unavailable,
      sendFailureTypes.sendInProgress,
      llmFailureTypes.rateLimited,
      llmFailureTypes.unavailable,
    ])
      assert.ok(!nonRetryable.includes(type), `${type} must be retried`);
  });
});
