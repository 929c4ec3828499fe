import { durationMs, toDuration } from './proto-time';
import type { ActivityState, Proto } from './run-state';

/** Fills the server-side defaults of an activity retry policy. */
export function normaliseRetryPolicy(policy: Proto | undefined): Proto {
  const initialMs = durationMs(policy?.initialInterval) || 1_000;
  return {
    initialInterval: toDuration(initialMs),
    backoffCoefficient: policy?.backoffCoefficient || 2,
    maximumInterval: toDuration(durationMs(policy?.maximumInterval) || initialMs * 100),
    maximumAttempts: policy?.maximumAttempts ?? 0,
    nonRetryableErrorTypes: policy?.nonRetryableErrorTypes ?? [],
  };
}

/** Whether and when a failed attempt is retried. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; retryState: string };

/**
 * Applies the retry policy to a failed or timed-out attempt: non-retryable failures and error types
 * stop, so do exhausted attempts and a backoff that would cross the schedule-to-close deadline.
 */
export function decideRetry(
  act: ActivityState,
  failure: Proto | undefined,
  now: number,
  nextRetryDelay?: Proto,
): RetryDecision {
  const policy = act.retryPolicy;
  const info = failure?.applicationFailureInfo;
  if (info?.nonRetryable) return { retry: false, retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' };
  const types: string[] = policy.nonRetryableErrorTypes ?? [];
  if (info?.type && types.includes(info.type))
    return { retry: false, retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' };
  if (failure?.timeoutFailureInfo?.timeoutType === 'TIMEOUT_TYPE_SCHEDULE_TO_START') {
    return { retry: false, retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' };
  }
  const maxAttempts = Number(policy.maximumAttempts ?? 0);
  if (maxAttempts > 0 && act.attempt >= maxAttempts)
    return { retry: false, retryState: 'RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED' };
  const initial = durationMs(policy.initialInterval);
  const max = durationMs(policy.maximumInterval);
  const computed = Math.min(
    initial * Math.pow(Number(policy.backoffCoefficient), act.attempt - 1),
    max || Infinity,
  );
  const delayMs = durationMs(nextRetryDelay) || computed;
  if (act.scheduleToCloseMs > 0 && now + delayMs >= act.firstScheduledAt + act.scheduleToCloseMs) {
    return { retry: false, retryState: 'RETRY_STATE_TIMEOUT' };
  }
  return { retry: true, delayMs };
}

/** The failure the server reports for an activity timeout. */
export function timeoutFailure(timeoutType: string, act: ActivityState): Proto {
  const label = timeoutType.replace('TIMEOUT_TYPE_', '').toLowerCase();
  return {
    message: `activity ${label} timeout`,
    source: 'Server',
    timeoutFailureInfo: { timeoutType, lastHeartbeatDetails: act.heartbeatDetails },
    cause: act.lastFailure,
  };
}
