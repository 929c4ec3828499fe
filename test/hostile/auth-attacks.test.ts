/**
 * Attacks on authentication: forged JWTs (alg:none, RS256/HS512 headers, HS256 with the wrong
 * secret, expired, tampered claims), a rotated API key, and per-flow HMAC signatures computed over
 * other bytes than those sent. Each must be refused with 401 and `{"error"}`, while the genuine
 * credential works — so a refusal is proof of the check, not of a broken route.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { nextCustomerPhone } from '../support/stack-driver';
import { judgeAnswer, sendHostile, startHostileStack, type HostileStack } from './hostile-kit';

let hostile: HostileStack;
before(async () => {
  hostile = await startHostileStack();
});
after(() => hostile?.stack.stop());

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** GET /api/auth/me with a Bearer token. */
async function me(token: string) {
  return await sendHostile(`${hostile.stack.apiUrl}/api/auth/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    typ: 'api',
    cid: hostile.tenant.clientId,
    sub: hostile.tenant.userId,
    iss: 'flowbot',
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

describe('forged JWTs are refused', () => {
  test('the genuine API token works (control)', async () => {
    assert.equal((await me(hostile.apiToken)).status, 200);
  });

  const forgeries: [string, () => string][] = [
    ['alg:none, no signature', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`],
    [
      'alg:none, with a signature',
      () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.AAAA`,
    ],
    [
      'RS256 header, HMAC-signed with the secret',
      () => {
        const head = `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(claims())}`;
        return `${head}.${createHmac('sha256', hostile.stack.secrets.jwtSecret).update(head).digest('base64url')}`;
      },
    ],
    [
      'HS512 with the right secret',
      () => jwt.sign(claims(), hostile.stack.secrets.jwtSecret, { algorithm: 'HS512' }),
    ],
    [
      'HS256 with the wrong secret',
      () => jwt.sign(claims(), 'not-the-secret-but-long-enough-to-pass-32', { algorithm: 'HS256' }),
    ],
    [
      'expired',
      () =>
        jwt.sign(claims({ iat: 1_000, exp: 2_000 }), hostile.stack.secrets.jwtSecret, { algorithm: 'HS256' }),
    ],
    [
      'no exp: a token that never expires, signed with the secret',
      () => {
        const { exp: _exp, ...forever } = claims();
        return jwt.sign(forever, hostile.stack.secrets.jwtSecret, { algorithm: 'HS256' });
      },
    ],
    [
      'wrong issuer',
      () =>
        jwt.sign(claims({ iss: 'someone-else' }), hostile.stack.secrets.jwtSecret, { algorithm: 'HS256' }),
    ],
    [
      'tampered subject (signature of the original)',
      () => {
        const [header, , signature] = hostile.apiToken.split('.');
        return `${header}.${base64url(claims({ sub: '00000000-0000-0000-0000-000000000001' }))}.${signature}`;
      },
    ],
    [
      'tampered type: api token claiming to be a session',
      () => {
        const [header, payload, signature] = hostile.apiToken.split('.');
        const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
        return `${header}.${base64url({ ...decoded, typ: 'session' })}.${signature}`;
      },
    ],
    ['truncated signature', () => hostile.apiToken.slice(0, -5)],
    ['not a JWT at all', () => 'Bearer-Bearer'],
  ];
  for (const [name, forge] of forgeries) {
    test(name, async () => {
      const answer = await me(forge());
      assert.equal(answer.status, 401, `${name}: ${answer.status} ${answer.text}`);
      assert.equal(judgeAnswer(answer), null);
    });
  }
});

test('a rotated API key stops working at once; tokens of the old key are refused', async () => {
  const rotate = await sendHostile(`${hostile.stack.apiUrl}/api/settings/api-access/rotate`, {
    method: 'POST',
    headers: { cookie: hostile.sessionCookie },
  });
  assert.equal(rotate.status, 200, rotate.text);
  const fresh = JSON.parse(rotate.text) as { clientId: string; apiKey: string };
  const exchange = (clientId: string, apiKey: string) =>
    sendHostile(`${hostile.stack.apiUrl}/api/auth/api-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, apiKey, ttlSec: 600 }),
    });
  const old = await exchange(hostile.tenant.clientId, hostile.tenant.apiKey);
  assert.equal(old.status, 401, old.text);
  assert.equal(judgeAnswer(old), null);
  assert.equal((await me(hostile.apiToken)).status, 401, 'a token issued for the old key must be refused');
  const renewed = await exchange(fresh.clientId, fresh.apiKey);
  assert.equal(renewed.status, 200, renewed.text);
  hostile.apiToken = (JSON.parse(renewed.text) as { accessToken: string }).accessToken;
  Object.assign(hostile.tenant, { clientId: fresh.clientId, apiKey: fresh.apiKey });
});

test('a lead sent with an API JWT that never expires is refused; with an expiring one it is taken', async () => {
  const lead = (token: string) =>
    sendHostile(`${hostile.stack.apiUrl}/api/webhook/flow/${hostile.tenant.flowId}/lead`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ phone: nextCustomerPhone(), name: 'John' }),
    });
  const { exp: _exp, ...forever } = claims();
  const refused = await lead(jwt.sign(forever, hostile.stack.secrets.jwtSecret, { algorithm: 'HS256' }));
  assert.equal(refused.status, 401, refused.text);
  assert.equal(judgeAnswer(refused), null);
  const taken = await lead(jwt.sign(claims(), hostile.stack.secrets.jwtSecret, { algorithm: 'HS256' }));
  assert.equal(taken.status, 200, taken.text);
});

describe('per-flow HMAC covers the exact bytes', () => {
  const lead = (body: string, signature: string) =>
    sendHostile(`${hostile.stack.apiUrl}/api/webhook/flow/${hostile.tenant.flowId}/lead`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-256': signature },
      body,
    });
  const sign = (bytes: string) => createHmac('sha256', hostile.tenant.hmacSecret).update(bytes).digest('hex');

  test('the genuine signature works (control)', async () => {
    const body = JSON.stringify({ phone: nextCustomerPhone(), name: 'Signed' });
    const answer = await lead(body, `sha256=${sign(body)}`);
    assert.equal(answer.status, 200, answer.text);
  });

  const tamperings: [string, (body: string) => string][] = [
    ['same JSON, other whitespace', (body) => JSON.stringify(JSON.parse(body), null, 2)],
    [
      'same JSON, keys reordered',
      (body) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(body) as object).reverse())),
    ],
    ['one field changed', (body) => body.replace('Signed', 'Signe d')],
    ['trailing newline', (body) => `${body}\n`],
  ];
  for (const [name, tamper] of tamperings) {
    test(`signature over other bytes: ${name}`, async () => {
      const signed = JSON.stringify({ phone: nextCustomerPhone(), name: 'Signed' });
      const answer = await lead(tamper(signed), `sha256=${sign(signed)}`);
      assert.equal(answer.status, 401, answer.text);
      assert.equal(judgeAnswer(answer), null);
    });
  }

  test('signature with the wrong secret, empty, or not hex', async () => {
    const body = JSON.stringify({ phone: nextCustomerPhone(), name: 'Signed' });
    for (const signature of [
      createHmac('sha256', 'wrong').update(body).digest('hex'),
      '',
      'sha256=',
      'sha256=zz',
      `sha1=${sign(body)}`,
    ]) {
      const answer = await lead(body, signature);
      assert.equal(answer.status, 401, `${signature}: ${answer.status} ${answer.text}`);
      assert.equal(judgeAnswer(answer), null);
    }
  });

  test('WhatsApp webhook: X-Hub-Signature-256 over other bytes is refused', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const signature = `sha256=${createHmac('sha256', hostile.stack.secrets.whatsappAppSecret).update(body).digest('hex')}`;
    const answer = await sendHostile(`${hostile.stack.apiUrl}/api/whatsapp/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body: `${body} `,
    });
    assert.equal(answer.status, 401, answer.text);
    assert.equal(judgeAnswer(answer), null);
  });
});
