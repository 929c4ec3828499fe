import { createHash } from 'node:crypto';

const SEPARATORS = /[\s\-.()]/g;
const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * Normalises a phone number to E.164 (`+` and 8–15 digits, no leading zero), or returns null.
 * Strict on purpose: the number must carry its country code, written `+972…` or `00972…`; spaces,
 * hyphens, dots and parentheses are dropped. A national number (`0501234567`) is refused rather than
 * guessed, because guessing the country would message a stranger.
 */
export function normalizePhone(input: string): string | null {
  if (input.length > 32) return null;
  let compact = input.trim().replace(SEPARATORS, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  return E164.test(compact) ? compact : null;
}

/**
 * Hex SHA-256 of an E.164 phone number: the `CustomerPhoneHash` search attribute, so a run is findable
 * by phone without putting the number itself into Temporal's visibility store.
 */
export function hashPhone(e164: string): string {
  return createHash('sha256').update(e164, 'utf8').digest('hex');
}

/** Masks a phone number for logs and messages that may be logged: `+•••••••••4567`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '•'.repeat(digits.length);
  return `${phone.startsWith('+') ? '+' : ''}${'•'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
