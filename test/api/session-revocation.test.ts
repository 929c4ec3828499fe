/**
 * Sessions end when they should, not 12 h later: logout, a password change, disabling and a role
 * change each refuse the session JWTs issued before them (401 `{"error"}`, as cookie and as Bearer),
 * while a fresh login works. API tokens are not sessions and follow their own rules.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

let api: ApiHarness;
/** The session of the admin who changes users in these tests. */
let adminCookie: string;

before(async () => {
  api = await startApiHarness();
  const { user, password } = await api.createUser({ admin: true });
  adminCookie = await api.login(user.username, password);
});
after(() => api?.stop());

/** The session JWT inside a `flowbot_session=…` cookie. */
const jwtOf = (cookie: string) => cookie.split('=')[1];

/** Asserts that `cookie` (and its JWT as Bearer) is refused with 401 `{"error"}`. */
async function assertRevoked(cookie: string): Promise<void> {
  for (const init of [{ cookie }, { token: jwtOf(cookie) }]) {
    const response = await api.request('/api/auth/me', init);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 401, `${Object.keys(init)[0]}: ${JSON.stringify(body)}`);
    assert.equal(typeof body.error, 'string');
  }
}

async function assertWorks(cookie: string): Promise<void> {
  assert.equal((await api.request('/api/auth/me', { cookie })).status, 200);
  assert.equal((await api.request('/api/auth/me', { token: jwtOf(cookie) })).status, 200);
}

async function patchUser(id: string, json: object): Promise<void> {
  const response = await api.request(`/api/admin/users/${id}`, {
    method: 'PATCH',
    cookie: adminCookie,
    json,
  });
  assert.equal(response.status, 200, await response.text());
}

describe('logout', () => {
  test('the logged-out session JWT is refused afterwards, as cookie and as Bearer; a new login works', async () => {
    const { user, password } = await api.createUser();
    const cookie = await api.login(user.username, password);
    await assertWorks(cookie);
    const logout = await api.request('/api/auth/logout', { method: 'POST', cookie });
    assert.deepEqual(await logout.json(), { success: true });
    await assertRevoked(cookie);
    await assertWorks(await api.login(user.username, password));
  });

  test("logout ends every session of that user, not other users' sessions", async () => {
    const alice = await api.createUser();
    const bob = await api.createUser();
    const laptop = await api.login(alice.user.username, alice.password);
    const phone = await api.login(alice.user.username, alice.password);
    const bobs = await api.login(bob.user.username, bob.password);
    await api.request('/api/auth/logout', { method: 'POST', token: jwtOf(laptop) });
    await assertRevoked(laptop);
    await assertRevoked(phone);
    await assertWorks(bobs);
  });

  test('logout without a session, or with a revoked one, still answers {"success": true}', async () => {
    const { user, password } = await api.createUser();
    const cookie = await api.login(user.username, password);
    for (const init of [{}, { cookie }, { cookie }, { cookie: 'flowbot_session=garbage' }]) {
      const response = await api.request('/api/auth/logout', { method: 'POST', ...init });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { success: true });
    }
  });

  test('logout does not end API tokens (they are not sessions)', async () => {
    const created = await api.createUser({ approved: true });
    const token = await api.apiTokenFor(created);
    const cookie = await api.login(created.user.username, created.password);
    await api.request('/api/auth/logout', { method: 'POST', cookie });
    await assertRevoked(cookie);
    assert.equal((await api.request('/api/auth/me', { token })).status, 200);
  });
});

describe('changes by an admin end the sessions of that user', () => {
  test('a password change: old sessions 401, the new password logs in, the old one does not', async () => {
    const { user, password } = await api.createUser();
    const cookie = await api.login(user.username, password);
    await patchUser(user.id, { password: 'Copper-kettle-whistles-9' });
    await assertRevoked(cookie);
    const old = await api.request('/api/auth/login', {
      method: 'POST',
      json: { username: user.username, password },
    });
    assert.equal(old.status, 401);
    await assertWorks(await api.login(user.username, 'Copper-kettle-whistles-9'));
  });

  test('disabling: old sessions 401 (not only 403); after re-enabling, a fresh login works', async () => {
    const { user, password } = await api.createUser();
    const cookie = await api.login(user.username, password);
    await patchUser(user.id, { disabled: true });
    await assertRevoked(cookie);
    await patchUser(user.id, { disabled: false });
    await assertRevoked(cookie);
    await assertWorks(await api.login(user.username, password));
  });

  test('a role change ends the sessions; a change of name only does not', async () => {
    const { user, password } = await api.createUser();
    const cookie = await api.login(user.username, password);
    await patchUser(user.id, { displayName: 'Renamed' });
    await assertWorks(cookie);
    await patchUser(user.id, { role: 'admin' });
    await assertRevoked(cookie);
    await assertWorks(await api.login(user.username, password));
  });

  test('an admin changing their own password keeps the calling session (a new cookie), ends the others', async () => {
    const self = await api.createUser({ admin: true });
    const calling = await api.login(self.user.username, self.password);
    const other = await api.login(self.user.username, self.password);
    const response = await api.request(`/api/admin/users/${self.user.id}`, {
      method: 'PATCH',
      cookie: calling,
      json: { password: 'Walnut-harbour-lights-3' },
    });
    assert.equal(response.status, 200);
    const renewed = response.headers.getSetCookie().find((value) => value.startsWith('flowbot_session='));
    assert.ok(renewed, 'the caller gets a fresh session cookie');
    await assertWorks(renewed.split(';')[0]);
    await assertRevoked(calling);
    await assertRevoked(other);
  });
});
