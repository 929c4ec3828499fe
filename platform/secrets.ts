import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';

/** Thrown when a stored ciphertext cannot be decrypted: wrong key, tampering or a malformed value. */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

const ENCRYPTION_FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Parses a 32-byte AES-256 key written as 64 hex characters or as base64 (44 characters).
 * Returns undefined when the text is neither, so callers can report the variable by name.
 */
export function parseEncryptionKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed, 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

/**
 * Encrypts a secret for storage with AES-256-GCM.
 * The result is `v1:<iv>:<tag>:<ciphertext>` (base64 parts), self-describing so the format can evolve.
 */
export function encryptSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    ENCRYPTION_FORMAT,
    iv.toString('base64'),
    tag.toString('base64'),
    ciphertext.toString('base64'),
  ].join(':');
}

/**
 * Decrypts a value produced by {@link encryptSecret}.
 * @throws DecryptionError when the value was altered, is malformed, or was encrypted with another key.
 */
export function decryptSecret(stored: string, key: Buffer): string {
  const parts = stored.split(':');
  if (parts.length !== 4 || parts[0] !== ENCRYPTION_FORMAT) {
    throw new DecryptionError('Encrypted value has an unknown format');
  }
  const iv = Buffer.from(parts[1], 'base64');
  const tag = Buffer.from(parts[2], 'base64');
  const ciphertext = Buffer.from(parts[3], 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new DecryptionError('Encrypted value has an unknown format');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new DecryptionError('Encrypted value could not be authenticated', { cause });
  }
}

/**
 * Hashes a high-entropy token (API key, outbound token) as hex SHA-256.
 * A slow hash is unnecessary for random tokens and would only add latency to every request.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored {@link hashToken} digest in constant time. */
export function verifyTokenHash(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** Compares two strings in constant time (for secrets compared in plaintext, e.g. a verify token). */
export function equalsConstantTime(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}

const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1, keyLength: 64 } as const;

function deriveScrypt(password: string, salt: Buffer, params: { N: number; r: number; p: number }) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, SCRYPT_PARAMS.keyLength, { ...params, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes a password with scrypt; the result `scrypt$N$r$p$salt$hash` carries its own parameters. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = SCRYPT_PARAMS;
  const key = await deriveScrypt(password, salt, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a password against a {@link hashPassword} result; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await deriveScrypt(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Generates a URL-safe random token with `bytes` bytes of entropy (default 32). */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Generates a fresh 32-byte key for {@link encryptSecret}, hex encoded. */
export function generateEncryptionKey(): string {
  return randomBytes(32).toString('hex');
}
