import { BadRequestError, UnauthorizedError } from '../errors';

/** The header that makes `X-Signature-256` cover a time as well as the body. */
export const SIGNATURE_TIMESTAMP_HEADER = 'X-Signature-Timestamp';

/**
 * How far a signed timestamp may be from the server's clock, either way (clock skew plus transit).
 * A timestamped signature is accepted once within this window and never after it.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Unix time in whole seconds; 11 digits last until the year 5138, milliseconds (13) are refused. */
const UNIX_SECONDS = /^\d{1,11}$/;

/**
 * Checks an `X-Signature-Timestamp` value and returns it as seconds.
 * @throws BadRequestError (400) when it is not Unix time in whole seconds.
 * @throws UnauthorizedError (401) when it is more than {@link SIGNATURE_TOLERANCE_SECONDS} away
 *   from `nowMs`: a stale signature is an expired credential.
 */
export function checkSignatureTimestamp(timestamp: string, nowMs = Date.now()): number {
  if (!UNIX_SECONDS.test(timestamp)) {
    throw new BadRequestError(
      `${SIGNATURE_TIMESTAMP_HEADER} must be Unix time in whole seconds, e.g. ${Math.floor(nowMs / 1000)}`,
    );
  }
  const seconds = Number(timestamp);
  if (Math.abs(nowMs / 1000 - seconds) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new UnauthorizedError(
      `${SIGNATURE_TIMESTAMP_HEADER} is more than ${SIGNATURE_TOLERANCE_SECONDS} seconds away from the server's time; sign the request again with the current time`,
    );
  }
  return seconds;
}
