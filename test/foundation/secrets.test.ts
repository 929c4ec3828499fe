import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
  equalsConstantTime,
  generateEncryptionKey,
  generateToken,
  hashPassword,
  hashToken,
  parseEncryptionKey,
  verifyPassword,
  verifyTokenHash,
} from '../../platform/secrets';

const key = parseEncryptionKey(generateEncryptionKey()) as Buffer;

test('encrypted secrets decrypt back and hide the plaintext', () => {
  const stored = encryptSecret('EAAG-secret-token', key);
  assert.doesNotMatch(stored, /EAAG/);
  assert.notEqual(encryptSecret('EAAG-secret-token', key), stored, 'a fresh IV per encryption');
  assert.equal(decryptSecret(stored, key), 'EAAG-secret-token');
});

test('tampered ciphertext, another key and garbage are rejected', () => {
  const stored = encryptSecret('token', key);
  const parts = stored.split(':');
  const body = Buffer.from(parts[3], 'base64');
  body[0] ^= 1;
  const tampered = [...parts.slice(0, 3), body.toString('base64')].join(':');
  assert.throws(() => decryptSecret(tampered, key), DecryptionError);
  assert.throws(() => decryptSecret(stored, Buffer.alloc(32, 1)), DecryptionError);
  assert.throws(() => decryptSecret('plain text', key), DecryptionError);
});

test('token hashes verify in constant time and reject other tokens', () => {
  const token = generateToken();
  const hash = hashToken(token);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(verifyTokenHash(token, hash), true);
  assert.equal(verifyTokenHash(`${token}x`, hash), false);
  assert.equal(verifyTokenHash(token, 'not-hex'), false);
  assert.equal(equalsConstantTime('a', 'a'), true);
  assert.equal(equalsConstantTime('a', 'ab'), false);
});

test('passwords hash with a salt and verify', async () => {
  const hash = await hashPassword('correct horse');
  assert.notEqual(await hashPassword('correct horse'), hash);
  assert.equal(await verifyPassword('correct horse', hash), true);
  assert.equal(await verifyPassword('wrong', hash), false);
  assert.equal(await verifyPassword('correct horse', 'garbage'), false);
});

test('encryption keys parse from hex or base64 only at 32 bytes', () => {
  assert.equal(parseEncryptionKey('00'.repeat(32))?.length, 32);
  assert.equal(parseEncryptionKey(Buffer.alloc(32).toString('base64'))?.length, 32);
  assert.equal(parseEncryptionKey('00'.repeat(16)), undefined);
  assert.equal(parseEncryptionKey('hello'), undefined);
});
