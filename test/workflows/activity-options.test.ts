/** The retry policies name the failure types the activities throw (one shared module of names); keep the list honest. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { llmFailureTypes, sendFailureTypes, whatsAppFailureTypes } from '../../activities';
import { nonRetryableFailureTypes, sendActivityOptions } from '../../workflows/activity-options';

/** The failures a retry can fix: rate limits, outages, a send another attempt still holds. */
const RETRIED: string[] = [
  whatsAppFailureTypes.rateLimited,
  whatsAppFailureTypes.unavailable,
  sendFailureTypes.sendInProgress,
  llmFailureTypes.rateLimited,
  llmFailureTypes.unavailable,
];

describe('activity options', () => {
  it('names every failure type the activities throw as non-retryable, except the ones a retry can fix', () => {
    const thrown: string[] = [
      ...Object.values(whatsAppFailureTypes),
      ...Object.values(sendFailureTypes),
      ...Object.values(llmFailureTypes),
    ];
    assert.deepEqual(
      [...nonRetryableFailureTypes].sort(),
      thrown.filter((type) => !RETRIED.includes(type)).sort(),
    );
  });

  it('retries the failures a retry can fix', () => {
    const nonRetryable: readonly string[] = sendActivityOptions.retry?.nonRetryableErrorTypes ?? [];
    for (const type of RETRIED) assert.ok(!nonRetryable.includes(type), `${type} must be retried`);
  });
});
