import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiClient } from '../../entities/api-client';
import { verifyTokenHash } from '../../platform/secrets';
import { startApiHarness, type ApiHarness, type CreatedUser } from '../support/api-harness';

let api: ApiHarness;
let admin: CreatedUser;
let adminCookie: string;

before(async () => {
  api = await startApiHarness();
  admin = await api.createUser({ admin: true });
  adminCookie = await api.login(admin.user.username, admin.password);
});
after(() => api?.stop());

type Json = Record<string, unknown>;
const ADMIN_USER_KEYS = [
  'apiAccessApproved',
  'createdAt',
  'disabled',
  'displayName',
  'email',
  'id',
  'role',
  'updatedAt',
  'username',
];

async function call(path: string, init: Parameters<ApiHarness['request']>[1] = {}) {
  const response = await api.request(path, { cookie: adminCookie, ...init });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

describe('/api/admin/users', () => {
  test('create, list, get and update; the new user can log in and is refused once disabled', async () => {
    const created = await call('/api/admin/users', {
      method: 'POST',
      json: {
        username: 'carol',
        password: 'carol-password',
        displayName: 'Carol',
        email: 'carol@example.com',
      },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(Object.keys(created.body).sort(), ADMIN_USER_KEYS);
    assert.equal(created.body.role, 'user');
    assert.equal(created.body.apiAccessApproved, false);
    assert.ok(!('passwordHash' in created.body));

    const list = await api.request('/api/admin/users', { cookie: adminCookie });
    const rows = (await list.json()) as Json[];
    assert.ok(rows.some((row) => row.id === created.body.id));
    assert.ok(rows.every((row) => !('passwordHash' in row)));
    assert.equal((await call(`/api/admin/users/${created.body.id}`)).body.username, 'carol');

    const carolCookie = await api.login('carol', 'carol-password');
    const approved = await call(`/api/admin/users/${created.body.id}`, {
      method: 'PATCH',
      json: { apiAccessApproved: true, displayName: 'Carol C', password: 'new-password-1' },
    });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.apiAccessApproved, true);
    assert.equal(approved.body.displayName, 'Carol C');
    // The new password ended the session of the old one.
    assert.equal((await api.request('/api/auth/me', { cookie: carolCookie })).status, 401);
    const renewedCookie = await api.login('carol', 'new-password-1');

    const disabled = await call(`/api/admin/users/${created.body.id}`, {
      method: 'PATCH',
      json: { disabled: true },
    });
    assert.equal(disabled.body.disabled, true);
    // Disabling ends the sessions (401); a login from then on is refused as disabled (403).
    assert.equal((await api.request('/api/auth/me', { cookie: renewedCookie })).status, 401);
    const refused = await api.request('/api/auth/login', {
      method: 'POST',
      json: { username: 'carol', password: 'new-password-1' },
    });
    assert.equal(refused.status, 403);
  });

  test('409 for a taken username (any case), 404 for unknown ids, 422 when an admin locks themselves out', async () => {
    await call('/api/admin/users', { method: 'POST', json: { username: 'dave', password: 'dave-password' } });
    const taken = await call('/api/admin/users', {
      method: 'POST',
      json: { username: 'DAVE', password: 'dave-password' },
    });
    assert.equal(taken.status, 409);
    assert.equal((await call('/api/admin/users/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal(
      (await call('/api/admin/users/nope', { method: 'PATCH', json: { disabled: true } })).status,
      404,
    );
    const self = await call(`/api/admin/users/${admin.user.id}`, {
      method: 'PATCH',
      json: { disabled: true },
    });
    assert.equal(self.status, 422);
    const demote = await call(`/api/admin/users/${admin.user.id}`, {
      method: 'PATCH',
      json: { role: 'user' },
    });
    assert.equal(demote.status, 422);
  });

  test('bad input is a 400 naming the fields', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', '/api/admin/users', {}, /username.*password/],
      ['POST', '/api/admin/users', { username: 'x', password: 'short' }, /username.*password/],
      ['POST', '/api/admin/users', { username: 'erin', password: 'erin-password', role: 'root' }, /role/],
      [
        'POST',
        '/api/admin/users',
        { username: 'erin', password: 'erin-password', email: 'not-mail' },
        /email/,
      ],
      ['PATCH', `/api/admin/users/${admin.user.id}`, { disabled: 'yes' }, /disabled/],
      ['PATCH', `/api/admin/users/${admin.user.id}`, { passwordHash: 'x' }, /passwordHash/],
    ];
    for (const [method, path, json, pattern] of cases) {
      const result = await call(path, { method, json });
      assert.equal(result.status, 400, JSON.stringify(json));
      assert.match(result.body.error as string, pattern);
    }
  });

  test('guessable passwords are refused with a 400 saying why, on creation and on change', async () => {
    const refused: [string, RegExp][] = [
      ['12345678', /^password: .*consecutive/],
      ['abcdefgh', /^password: .*consecutive/],
      ['87654321', /^password: .*consecutive/],
      ['zzzzzzzzzz', /^password: .*one character/],
      ['password1', /^password: .*common/],
      ['iloveyou', /^password: .*common/],
      ['Grace.Hopper', /^password: .*username/],
    ];
    for (const [password, reason] of refused) {
      const created = await call('/api/admin/users', {
        method: 'POST',
        json: { username: 'grace.hopper', password },
      });
      assert.equal(created.status, 400, password);
      assert.deepEqual(Object.keys(created.body), ['error']);
      assert.match(created.body.error as string, reason, password);
    }
    const users = (await call('/api/admin/users')).body as unknown as Json[];
    assert.ok(!users.some((user) => user.username === 'grace.hopper'), 'no refused user was created');

    const grace = await call('/api/admin/users', {
      method: 'POST',
      json: { username: 'grace.hopper', password: 'compiler-1952-cobol' },
    });
    assert.equal(grace.status, 201);
    for (const [password, reason] of refused) {
      const changed = await call(`/api/admin/users/${grace.body.id}`, {
        method: 'PATCH',
        json: { password },
      });
      assert.equal(changed.status, 400, password);
      assert.match(changed.body.error as string, reason, password);
    }
    await api.login('grace.hopper', 'compiler-1952-cobol');
  });

  test('non-admins get 403 on every admin route, unauthenticated callers 401', async () => {
    const user = await api.createUser();
    const cookie = await api.login(user.user.username, user.password);
    for (const [method, path] of [
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users'],
      ['GET', `/api/admin/users/${user.user.id}`],
      ['PATCH', `/api/admin/users/${user.user.id}`],
    ]) {
      const response = await api.request(path, {
        method,
        cookie,
        json: method === 'GET' ? undefined : { disabled: false },
      });
      assert.equal(response.status, 403, `${method} ${path}`);
      assert.deepEqual(await response.json(), { error: 'Only administrators may do this' });
      assert.equal((await api.request(path, { method })).status, 401);
    }
  });
});

describe('/api/settings/api-access', () => {
  test('status before and after rotation; the key is shown once and stored hashed', async () => {
    const created = await api.createUser({ approved: true });
    const cookie = await api.login(created.user.username, created.password);
    const before = await api.request('/api/settings/api-access', { cookie });
    assert.deepEqual(await before.json(), { clientId: null, approved: true, rotatedAt: null });

    const rotated = await api.request('/api/settings/api-access/rotate', { method: 'POST', cookie });
    assert.equal(rotated.status, 200);
    const { clientId, apiKey, rotatedAt } = (await rotated.json()) as Record<string, string>;
    assert.match(clientId, /^aiflow_[\w-]+$/);
    assert.match(apiKey, /^sk_[\w-]{40,}$/);
    const stored = await api.dataSource.getRepository(ApiClient).findOneByOrFail({ userId: created.user.id });
    assert.notEqual(stored.apiKeyHash, apiKey);
    assert.ok(verifyTokenHash(apiKey, stored.apiKeyHash));

    const after = (await (await api.request('/api/settings/api-access', { cookie })).json()) as Json;
    assert.deepEqual(after, { clientId, approved: true, rotatedAt });
    assert.ok(!JSON.stringify(after).includes(apiKey));
  });

  test('403 when not approved, and when called with an API token', async () => {
    const notApproved = await api.createUser();
    const cookie = await api.login(notApproved.user.username, notApproved.password);
    const refused = await api.request('/api/settings/api-access/rotate', { method: 'POST', cookie });
    assert.equal(refused.status, 403);
    assert.match(((await refused.json()) as Json).error as string, /not approved/);
    const status = (await (await api.request('/api/settings/api-access', { cookie })).json()) as Json;
    assert.equal(status.approved, false);

    const approved = await api.createUser({ approved: true });
    const token = await api.apiTokenFor(approved);
    const byToken = await api.request('/api/settings/api-access/rotate', { method: 'POST', token });
    assert.equal(byToken.status, 403);
    assert.equal((await api.request('/api/settings/api-access', { token })).status, 200);
  });
});
