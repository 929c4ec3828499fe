/**
 * Cross-site request forgery: a state-changing request that rides on the session cookie is refused
 * when the browser says it comes from another site (Origin, Sec-Fetch-Site); curl and servers,
 * which send neither, and Bearer callers keep working as published.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

let api: ApiHarness;
let cookie: string;
let token: string;

before(async () => {
  api = await startApiHarness();
  const alice = await api.createUser({ approved: true });
  cookie = await api.login(alice.user.username, alice.password);
  token = await api.apiTokenFor(alice);
});
after(() => api?.stop());

async function createFlow(headers: Record<string, string>, credential: { cookie?: string; token?: string }) {
  return api.request('/api/flows', { method: 'POST', json: { name: 'CSRF probe' }, headers, ...credential });
}

async function flowCount(): Promise<number> {
  const response = await api.request('/api/flows', { cookie });
  return ((await response.json()) as unknown[]).length;
}

describe('cookie-authenticated writes from a browser', { timeout: 60_000 }, () => {
  test('are refused with 403 {"error"} from another origin, and nothing is created', async () => {
    const before = await flowCount();
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site', Origin: 'http://sub.127.0.0.1.nip.io' },
      { Origin: 'null' },
    ]) {
      const response = await createFlow(headers, { cookie });
      assert.equal(response.status, 403, JSON.stringify(headers));
      const body = (await response.json()) as { error: string };
      assert.match(body.error, /Cross-site request refused/);
    }
    const logout = await api.request('/api/auth/logout', {
      method: 'POST',
      cookie,
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(logout.status, 403);
    assert.equal(await flowCount(), before);
  });

  test('pass from the same origin, and without the headers (curl)', async () => {
    const sameOrigin = await createFlow({ Origin: api.baseUrl, 'Sec-Fetch-Site': 'same-origin' }, { cookie });
    assert.equal(sameOrigin.status, 201);
    const curl = await createFlow({}, { cookie });
    assert.equal(curl.status, 201);
  });

  test('Bearer callers are not affected by a foreign Origin', async () => {
    const response = await createFlow({ Origin: 'https://crm.example' }, { token });
    assert.equal(response.status, 201);
  });
});
