/**
 * Password guessing against `POST /api/auth/login` with the shipped budgets (README, "Login
 * limits"): concurrent bursts, forged `X-Forwarded-For`, guesses spread over many addresses, and
 * attempts to lock a victim out. Addresses are simulated the way a proxy reports them: the API runs
 * with TRUST_PROXY and each request carries the `X-Forwarded-For` its proxy would append.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startApiHarness, type ApiHarness, type CreatedUser } from '../support/api-harness';
import { startTestDatabase, type TestDatabase } from '../support/database';

/** Budgets of api/auth/login-rate-limiter.ts's defaults, as the README states them. */
const PER_USER_AND_IP = 5;
const PER_IP = 30;
const PER_USER = 10;

let db: TestDatabase;
before(async () => {
  db = await startTestDatabase();
});
after(() => db?.stop());

/** A fresh API (fresh limiter, same database) with these proxy settings. */
async function withApi(env: NodeJS.ProcessEnv, run: (api: ApiHarness) => Promise<void>): Promise<void> {
  const api = await startApiHarness({ database: { ...db, stop: async () => undefined }, env });
  try {
    await run(api);
  } finally {
    await api.stop();
  }
}

function login(api: ApiHarness, username: string, password: string, forwardedFor?: string) {
  return api.request('/api/auth/login', {
    method: 'POST',
    json: { username, password },
    headers: forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {},
  });
}

/** Sends the attempts at once and counts the answers by status; every refusal must be a proper 429. */
async function burst(attempts: Promise<Response>[]): Promise<Record<number, number>> {
  const counts: Record<number, number> = {};
  for (const response of await Promise.all(attempts)) {
    counts[response.status] = (counts[response.status] ?? 0) + 1;
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(typeof body.error, 'string');
    if (response.status === 429) assert.ok(Number(response.headers.get('Retry-After')) >= 1);
  }
  return counts;
}

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('guessing one password', () => {
  test('200 concurrent wrong logins for one username from one address: at most the budget get 401', async () => {
    await withApi({}, async (api) => {
      const { user } = await api.createUser();
      const counts = await burst(times(200, () => login(api, user.username, 'wrong-guess')));
      assert.equal(counts[401], PER_USER_AND_IP, JSON.stringify(counts));
      assert.equal(counts[429], 200 - PER_USER_AND_IP, JSON.stringify(counts));
    });
  });

  test('a rotating X-Forwarded-For (TRUST_PROXY=true, one hop) does not renew the budget', async () => {
    await withApi({ TRUST_PROXY: 'true' }, async (api) => {
      const { user } = await api.createUser();
      // The attacker writes the left part; the proxy appends the address it saw, which it cannot forge.
      const counts = await burst(
        times(200, (i) =>
          login(api, user.username, 'wrong-guess', `10.9.${i >> 8}.${i & 255}, 198.51.100.7`),
        ),
      );
      assert.equal(counts[401], PER_USER_AND_IP, JSON.stringify(counts));
    });
  });

  test('with TRUST_PROXY_HOPS=2 the client is the second address from the right', async () => {
    await withApi({ TRUST_PROXY_HOPS: '2' }, async (api) => {
      const { user, password } = await api.createUser();
      const forged = (i: number) => `10.8.0.${i}, 198.51.100.8, 10.0.0.2`;
      const counts = await burst(times(50, (i) => login(api, user.username, 'wrong-guess', forged(i))));
      assert.equal(counts[401], PER_USER_AND_IP, JSON.stringify(counts));
      // Another client behind the same two proxies has a budget of its own.
      const other = await login(api, user.username, password, '10.8.0.1, 198.51.100.9, 10.0.0.2');
      assert.equal(other.status, 200);
    });
  });

  test('guesses spread over 200 addresses get at most the per-username budget', async () => {
    await withApi({ TRUST_PROXY: 'true' }, async (api) => {
      const { user } = await api.createUser();
      const counts = await burst(times(200, (i) => login(api, user.username, 'wrong-guess', `10.7.0.${i}`)));
      assert.equal(counts[401], PER_USER, JSON.stringify(counts));
    });
  });
});

describe('an attacker cannot cheaply lock a victim out', () => {
  async function sprayFrom(api: ApiHarness, address: string, usernames: string[]) {
    return await burst(usernames.map((username) => login(api, username, 'wrong-guess', address)));
  }
  const strangers = (n: number) => times(n, (i) => `stranger-${i}`);

  test('the victim logs in from another address while the attacker burns its per-IP budget', async () => {
    await withApi({ TRUST_PROXY: 'true' }, async (api) => {
      const victim = await api.createUser();
      const counts = await sprayFrom(api, '203.0.113.66', [victim.user.username, ...strangers(PER_IP + 9)]);
      assert.equal(counts[401], PER_IP, JSON.stringify(counts));
      assert.equal((await login(api, victim.user.username, victim.password, '192.0.2.10')).status, 200);
    });
  });

  test('behind a shared address, a user who logged in from it before still gets in after the attacker there used up the per-IP budget', async () => {
    await withApi({ TRUST_PROXY: 'true' }, async (api) => {
      const office = '192.0.2.20';
      const victim = await api.createUser();
      const newcomer: CreatedUser = await api.createUser();
      assert.equal((await login(api, victim.user.username, victim.password, office)).status, 200);
      const counts = await sprayFrom(api, office, strangers(PER_IP + 10));
      assert.equal(counts[401], PER_IP, JSON.stringify(counts));
      assert.equal((await login(api, victim.user.username, victim.password, office)).status, 200);
      // The per-IP budget still holds for usernames never logged in from there.
      assert.equal((await login(api, newcomer.user.username, newcomer.password, office)).status, 429);
    });
  });

  test('during a spread-out attack on the victim, the victim still gets in from an address known to work', async () => {
    await withApi({ TRUST_PROXY: 'true' }, async (api) => {
      const home = '192.0.2.30';
      const victim = await api.createUser();
      assert.equal((await login(api, victim.user.username, victim.password, home)).status, 200);
      const counts = await burst(
        times(60, (i) => login(api, victim.user.username, 'wrong-guess', `10.6.0.${i}`)),
      );
      assert.equal(counts[401], PER_USER, JSON.stringify(counts));
      assert.equal((await login(api, victim.user.username, victim.password, home)).status, 200);
      // From an address never used before, the per-username block applies to the right password too.
      assert.equal((await login(api, victim.user.username, victim.password, '192.0.2.31')).status, 429);
    });
  });
});
