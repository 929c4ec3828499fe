/**
 * What can go wrong talking to the Graph API, and how each failure reaches Temporal: as an
 * `ApplicationFailure` whose `type` names it, non-retryable where retrying cannot help.
 */
import { ApplicationFailure } from '@temporalio/common';
import { whatsAppFailureTypes } from '../../workflows/activity-failure-types';

export { whatsAppFailureTypes };

export type WhatsAppFailureType = (typeof whatsAppFailureTypes)[keyof typeof whatsAppFailureTypes];

/** Graph's error body: `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`. */
export interface GraphErrorBody {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  error_data?: { details?: string };
  fbtrace_id?: string;
}

/** Graph answered with a non-2xx status. */
export class GraphApiError extends Error {
  override readonly name = 'GraphApiError';
  constructor(
    readonly status: number,
    readonly graphError: GraphErrorBody,
    /** Seconds from a `Retry-After` header, when Graph sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(
      `Graph API ${status}: (#${graphError.code}) ${graphError.error_data?.details ?? graphError.message}`,
    );
  }
}

/** The request never got a usable answer: network error, timeout, or a body that is not Graph's. */
export class GraphTransportError extends Error {
  override readonly name = 'GraphTransportError';
  constructor(
    message: string,
    /** True when our deadline expired; Graph may or may not have accepted the message. */
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const rateLimitCodes = new Set([130429, 131056, 80007, 4, 17, 32, 613]);
const authCodes = new Set([190, 10, 200]);
/** WhatsApp wants about 6 s between messages to the same user; retrying sooner only fails again. */
const pairRateRetryDelayMs = 6_000;

/** Maps a failed Graph call to the `ApplicationFailure` the activity throws, keeping it as `cause`. */
export function toWhatsAppFailure(error: GraphApiError | GraphTransportError): ApplicationFailure {
  if (error instanceof GraphTransportError) {
    return failure(whatsAppFailureTypes.unavailable, error.message, error, false);
  }
  const { status, graphError, retryAfterSeconds } = error;
  if (graphError.code === 131047) {
    return failure(whatsAppFailureTypes.windowClosed, error.message, error, true);
  }
  if (rateLimitCodes.has(graphError.code) || status === 429) {
    const nextRetryDelay =
      retryAfterSeconds !== undefined
        ? retryAfterSeconds * 1000
        : graphError.code === 131056
          ? pairRateRetryDelayMs
          : undefined;
    return failure(whatsAppFailureTypes.rateLimited, error.message, error, false, nextRetryDelay);
  }
  if (status >= 500 || status === 408) {
    return failure(whatsAppFailureTypes.unavailable, error.message, error, false);
  }
  if (authCodes.has(graphError.code) || status === 401 || status === 403) {
    return failure(whatsAppFailureTypes.authFailed, error.message, error, true);
  }
  return failure(whatsAppFailureTypes.invalidRequest, error.message, error, true);
}

/** The failure our own window check throws before calling Graph. */
export function createWindowClosedFailure(message: string): ApplicationFailure {
  return ApplicationFailure.create({ message, type: whatsAppFailureTypes.windowClosed, nonRetryable: true });
}

/** The failure the send claim throws for a customer who opted out (the row is recorded failed). */
export function createRecipientOptedOutFailure(message: string): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type: whatsAppFailureTypes.recipientOptedOut,
    nonRetryable: true,
  });
}

function failure(
  type: WhatsAppFailureType,
  message: string,
  cause: Error,
  nonRetryable: boolean,
  nextRetryDelay?: number,
): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type,
    nonRetryable,
    cause,
    ...(nextRetryDelay === undefined ? {} : { nextRetryDelay }),
  });
}
