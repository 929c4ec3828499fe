import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { User } from '../../entities/user';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

let api: ApiHarness;
before(async () => {
  api = await startApiHarness({ deps: { loginRateLimits: { perUserAndIp: 3, perIp: 1000 } } });
});
after(() => api?.stop());

const PUBLIC_USER_KEYS = ['displayName', 'email', 'id', 'role', 'username'];

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

async function assertError(response: Response, status: number, pattern?: RegExp): Promise<void> {
  const body = await json(response);
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(typeof body.error, 'string');
  if (pattern) assert.match(body.error as string, pattern);
}

describe('POST /api/auth/login', () => {
  test('sets an httpOnly SameSite=Lax session cookie and returns exactly the published user', async () => {
    const { user, password } = await api.createUser();
    const response = await api.request('/api/auth/login', {
      method: 'POST',
      json: { username: user.username, password },
    });
    assert.equal(response.status, 200);
    const body = await json(response);
    assert.deepEqual(Object.keys(body), ['user']);
    assert.deepEqual(Object.keys(body.user as object).sort(), PUBLIC_USER_KEYS);
    assert.deepEqual(body.user, {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      role: 'user',
    });
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('flowbot_session='));
    assert.ok(cookie);
    assert.match(cookie, /httponly/i);
    assert.match(cookie, /samesite=lax/i);
    assert.doesNotMatch(cookie, /secure/i, 'plain http: no Secure flag');
  });

  test('the username is matched regardless of case', async () => {
    const { user, password } = await api.createUser();
    const response = await api.request('/api/auth/login', {
      method: 'POST',
      json: { username: user.username.toUpperCase(), password },
    });
    assert.equal(response.status, 200);
  });

  test('a wrong password and an unknown user get the same 401', async () => {
    const { user } = await api.createUser();
    const wrongPassword = await api.request('/api/auth/login', {
      method: 'POST',
      json: { username: user.username, password: 'nope-nope' },
    });
    const unknownUser = await api.request('/api/auth/login', {
      method: 'POST',
      json: { username: 'nobody-here', password: 'nope-nope' },
    });
    assert.equal(wrongPassword.status, 401);
    assert.equal(unknownUser.status, 401);
    assert.deepEqual(await wrongPassword.json(), { error: 'Invalid username or password' });
    assert.deepEqual(await unknownUser.json(), { error: 'Invalid username or password' });
  });

  test('a disabled user is refused with 403', async () => {
    const { user, password } = await api.createUser({ disabled: true });
    const response = await api.request('/api/auth/login', {
      method: 'POST',
      json: { username: user.username, password },
    });
    await assertError(response, 403, /disabled/);
  });

  test('repeated failures are rate-limited: 429 with Retry-After, even with the right password', async () => {
    const { user, password } = await api.createUser();
    for (let i = 0; i < 3; i += 1) {
      const response = await api.request('/api/auth/login', {
        method: 'POST',
        json: { username: user.username, password: 'wrong-password' },
      });
      assert.equal(response.status, 401);
    }
    const blocked = await api.request('/api/auth/login', {
      method: 'POST',
      json: { username: user.username, password },
    });
    await assertError(blocked, 429, /Too many/);
    assert.ok(Number(blocked.headers.get('Retry-After')) >= 1);
  });

  test('the per-IP limit blocks every username once reached', async () => {
    const strict = await startApiHarness({
      database: { dataSource: api.dataSource, url: '', stop: async () => undefined },
      deps: { loginRateLimits: { perUserAndIp: 100, perIp: 2 } },
    });
    try {
      for (const name of ['a-one', 'a-two']) {
        const response = await strict.request('/api/auth/login', {
          method: 'POST',
          json: { username: name, password: 'x' },
        });
        assert.equal(response.status, 401);
      }
      const third = await strict.request('/api/auth/login', {
        method: 'POST',
        json: { username: 'a-three', password: 'x' },
      });
      await assertError(third, 429);
    } finally {
      await strict.stop();
    }
  });

  test('bad input is a 4xx with {"error"} naming the fields', async () => {
    const malformed = await api.request('/api/auth/login', {
      method: 'POST',
      body: '{"username":',
      headers: { 'Content-Type': 'application/json' },
    });
    await assertError(malformed, 400, /not valid JSON/);
    await assertError(
      await api.request('/api/auth/login', { method: 'POST', json: { username: 5 } }),
      400,
      /username: .*password: /,
    );
    await assertError(await api.request('/api/auth/login', { method: 'POST', json: [] }), 400);
    await assertError(await api.request('/api/auth/login', { method: 'POST' }), 400, /body/);
    await assertError(
      await api.request('/api/auth/login', {
        method: 'POST',
        body: 'username=a',
        headers: { 'Content-Type': 'text/plain' },
      }),
      415,
    );
    const huge = await api.request('/api/auth/login', {
      method: 'POST',
      json: { username: 'x', password: 'y'.repeat(3 * 1024 * 1024) },
    });
    await assertError(huge, 413);
    await assertError(await api.request('/api/auth/login', { method: 'GET' }), 405);
  });
});

describe('session cookie and Bearer JWTs', () => {
  test('GET /api/auth/me with the cookie, with the session JWT as Bearer, and logout', async () => {
    const { user, password } = await api.createUser();
    const cookie = await api.login(user.username, password);
    const byCookie = await api.request('/api/auth/me', { cookie });
    assert.equal(byCookie.status, 200);
    assert.deepEqual(Object.keys((await json(byCookie)).user as object).sort(), PUBLIC_USER_KEYS);

    const sessionJwt = cookie.split('=')[1];
    const byBearer = await api.request('/api/auth/me', { token: sessionJwt });
    assert.equal(byBearer.status, 200);

    const logout = await api.request('/api/auth/logout', { method: 'POST', cookie });
    assert.deepEqual(await logout.json(), { success: true });
    const cleared = logout.headers.getSetCookie().find((value) => value.startsWith('flowbot_session='));
    assert.match(cleared ?? '', /flowbot_session=;/);
  });

  test('refusals: no credentials, garbage, alg none, another algorithm, wrong secret, expired, tampered', async () => {
    const { user } = await api.createUser();
    const secret = api.config.jwtSecret;
    const claims = { typ: 'session', sub: user.id, iss: 'flowbot' };
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url')}.`;
    const valid = jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: 600 });
    const [header, payload, signature] = valid.split('.');
    const elevated = Buffer.from(
      JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000', exp: 9e9 }),
    );
    const tokens = {
      garbage: 'not-a-jwt.at.all',
      algNone: unsigned,
      hs512: jwt.sign(claims, secret, { algorithm: 'HS512', expiresIn: 600 }),
      wrongSecret: jwt.sign(claims, 'another-secret-another-secret-123', {
        algorithm: 'HS256',
        expiresIn: 600,
      }),
      expired: jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, secret, {
        algorithm: 'HS256',
      }),
      tampered: `${header}.${elevated.toString('base64url')}.${signature}`,
      noIssuer: jwt.sign({ typ: 'session', sub: user.id }, secret, { algorithm: 'HS256', expiresIn: 600 }),
      unknownType: jwt.sign({ ...claims, typ: 'admin' }, secret, { algorithm: 'HS256', expiresIn: 600 }),
    };
    assert.equal(
      (await api.request('/api/auth/me', { token: `${header}.${payload}.${signature}` })).status,
      200,
    );
    await assertError(await api.request('/api/auth/me'), 401, /Authentication required/);
    for (const [name, token] of Object.entries(tokens)) {
      const bearer = await api.request('/api/auth/me', { token });
      assert.equal(bearer.status, 401, `bearer ${name}`);
      assert.equal(typeof (await json(bearer)).error, 'string');
      const cookie = await api.request('/api/auth/me', { cookie: `flowbot_session=${token}` });
      assert.equal(cookie.status, 401, `cookie ${name}`);
    }
    await assertError(await api.request('/api/auth/me', { headers: { Authorization: 'Basic abc' } }), 401);
    await assertError(await api.request('/api/auth/me', { token: tokens.expired }), 401, /expired/);
  });

  test('a session or API JWT without exp is refused (401), as Bearer and as cookie', async () => {
    const created = await api.createUser({ approved: true });
    const { cid } = jwt.decode(await api.apiTokenFor(created)) as { cid: string };
    const sign = (claims: object, expiresIn?: number) =>
      jwt.sign(claims, api.config.jwtSecret, {
        algorithm: 'HS256',
        issuer: 'flowbot',
        subject: created.user.id,
        ...(expiresIn === undefined ? {} : { expiresIn }),
      });
    // Controls: the same claims with an expiry are accepted.
    assert.equal((await api.request('/api/auth/me', { token: sign({ typ: 'session' }, 600) })).status, 200);
    assert.equal((await api.request('/api/auth/me', { token: sign({ typ: 'api', cid }, 600) })).status, 200);

    const session = sign({ typ: 'session' });
    const apiToken = sign({ typ: 'api', cid });
    assert.equal((jwt.decode(session) as jwt.JwtPayload).exp, undefined);
    await assertError(await api.request('/api/auth/me', { token: session }), 401);
    await assertError(await api.request('/api/auth/me', { cookie: `flowbot_session=${session}` }), 401);
    await assertError(await api.request('/api/auth/me', { token: apiToken }), 401);
  });

  test('an API token is not accepted as the session cookie', async () => {
    const created = await api.createUser({ approved: true });
    const token = await api.apiTokenFor(created);
    await assertError(await api.request('/api/auth/me', { cookie: `flowbot_session=${token}` }), 401);
    assert.equal((await api.request('/api/auth/me', { token })).status, 200);
  });

  test('a disabled user is refused at once, with a cookie and with an API token', async () => {
    const created = await api.createUser({ approved: true });
    const cookie = await api.login(created.user.username, created.password);
    const token = await api.apiTokenFor(created);
    await api.dataSource.getRepository(User).update({ id: created.user.id }, { disabled: true });
    await assertError(await api.request('/api/auth/me', { cookie }), 403, /disabled/);
    await assertError(await api.request('/api/auth/me', { token }), 403, /disabled/);
  });

  test('a deleted user is refused', async () => {
    const created = await api.createUser();
    const cookie = await api.login(created.user.username, created.password);
    await api.dataSource.getRepository(User).delete({ id: created.user.id });
    await assertError(await api.request('/api/auth/me', { cookie }), 401);
  });
});

describe('POST /api/auth/api-token', () => {
  async function rotate(cookie: string): Promise<{ clientId: string; apiKey: string }> {
    const response = await api.request('/api/settings/api-access/rotate', { method: 'POST', cookie });
    assert.equal(response.status, 200);
    return (await response.json()) as { clientId: string; apiKey: string };
  }

  test('exchanges client credentials for a Bearer JWT in the published shape', async () => {
    const created = await api.createUser({ approved: true });
    const cookie = await api.login(created.user.username, created.password);
    const { clientId, apiKey } = await rotate(cookie);
    const response = await api.request('/api/auth/api-token', {
      method: 'POST',
      json: { clientId, apiKey, ttlSec: 600 },
    });
    assert.equal(response.status, 200);
    const body = await json(response);
    assert.deepEqual(Object.keys(body).sort(), [
      'accessToken',
      'clientId',
      'clientNumber',
      'expiresInSec',
      'success',
      'tokenType',
    ]);
    assert.equal(body.success, true);
    assert.equal(body.tokenType, 'Bearer');
    assert.equal(body.expiresInSec, 600);
    assert.equal(body.clientNumber, created.user.id);
    assert.equal(body.clientId, clientId);
    const decoded = jwt.decode(body.accessToken as string, { complete: true });
    assert.equal(decoded?.header.alg, 'HS256');
    const claims = decoded?.payload as jwt.JwtPayload;
    assert.equal(claims.exp! - claims.iat!, 600);
    const me = await api.request('/api/auth/me', { token: body.accessToken as string });
    assert.equal(((await json(me)).user as { id: string }).id, created.user.id);

    const defaultTtl = await api.request('/api/auth/api-token', {
      method: 'POST',
      json: { clientId, apiKey },
    });
    assert.equal((await json(defaultTtl)).expiresInSec, 3600);
  });

  test('401 for a wrong key or an unknown client, 400 for ttlSec out of 60–86400', async () => {
    const created = await api.createUser({ approved: true });
    const { clientId, apiKey } = await rotate(await api.login(created.user.username, created.password));
    const wrongKey = await api.request('/api/auth/api-token', {
      method: 'POST',
      json: { clientId, apiKey: `${apiKey}x` },
    });
    assert.equal(wrongKey.status, 401);
    const unknown = await api.request('/api/auth/api-token', {
      method: 'POST',
      json: { clientId: 'aiflow_nope', apiKey },
    });
    assert.equal(unknown.status, 401);
    assert.deepEqual(await wrongKey.json(), await unknown.json());
    for (const ttlSec of [59, 86_401, 1.5, '3600', -1]) {
      const response = await api.request('/api/auth/api-token', {
        method: 'POST',
        json: { clientId, apiKey, ttlSec },
      });
      await assertError(response, 400, /ttlSec/);
    }
    await assertError(
      await api.request('/api/auth/api-token', { method: 'POST', json: { apiKey } }),
      400,
      /clientId/,
    );
  });

  test('API tokens stop working when approval is withdrawn (403) or the user is disabled (403)', async () => {
    const created = await api.createUser({ approved: true });
    const token = await api.apiTokenFor(created);
    const users = api.dataSource.getRepository(User);
    await users.update({ id: created.user.id }, { apiAccessApproved: false });
    await assertError(await api.request('/api/auth/me', { token }), 403, /not approved/);
    await users.update({ id: created.user.id }, { apiAccessApproved: true, disabled: true });
    await assertError(await api.request('/api/auth/me', { token }), 403, /disabled/);
  });

  test('403 for a user who is not approved; 403 for a disabled user', async () => {
    const created = await api.createUser({ approved: true });
    const { clientId, apiKey } = await rotate(await api.login(created.user.username, created.password));
    const users = api.dataSource.getRepository(User);
    await users.update({ id: created.user.id }, { apiAccessApproved: false });
    await assertError(
      await api.request('/api/auth/api-token', { method: 'POST', json: { clientId, apiKey } }),
      403,
      /not approved/,
    );
    await users.update({ id: created.user.id }, { apiAccessApproved: true, disabled: true });
    await assertError(
      await api.request('/api/auth/api-token', { method: 'POST', json: { clientId, apiKey } }),
      403,
      /disabled/,
    );
  });

  test('rotating the key refuses the old key and every API token issued for it at once', async () => {
    const created = await api.createUser({ approved: true });
    const cookie = await api.login(created.user.username, created.password);
    const old = await rotate(cookie);
    const exchanged = await api.request('/api/auth/api-token', { method: 'POST', json: old });
    const { accessToken } = (await exchanged.json()) as { accessToken: string };
    assert.equal((await api.request('/api/auth/me', { token: accessToken })).status, 200);

    const fresh = await rotate(cookie);
    assert.notEqual(fresh.clientId, old.clientId);
    await assertError(await api.request('/api/auth/api-token', { method: 'POST', json: old }), 401);
    await assertError(await api.request('/api/auth/me', { token: accessToken }), 401, /rotated/);
    assert.equal((await api.request('/api/auth/api-token', { method: 'POST', json: fresh })).status, 200);
  });
});

test('no password, API key or token ever reaches the logs', async () => {
  const created = await api.createUser({ approved: true });
  const cookie = await api.login(created.user.username, created.password);
  const rotated = await api.request('/api/settings/api-access/rotate', { method: 'POST', cookie });
  const { apiKey, clientId } = (await rotated.json()) as { apiKey: string; clientId: string };
  const exchanged = await api.request('/api/auth/api-token', { method: 'POST', json: { clientId, apiKey } });
  const { accessToken } = (await exchanged.json()) as { accessToken: string };
  await api.request('/api/auth/me', { token: accessToken });
  await api.request('/api/auth/login', {
    method: 'POST',
    json: { username: created.user.username, password: 'wrong-secret-pw' },
  });
  const flow = await api.seedFlow(created.user.id);
  const credentials = await api.request(`/api/flows/${flow.id}/credentials/rotate`, {
    method: 'POST',
    cookie,
  });
  const { outboundToken, hmacSecret } = (await credentials.json()) as {
    outboundToken: string;
    hmacSecret: string;
  };

  const logs = api.logLines.join('\n');
  assert.ok(logs.includes('API credentials rotated'), 'the log stream was captured');
  for (const secret of [
    created.password,
    'wrong-secret-pw',
    apiKey,
    accessToken,
    cookie.split('=')[1],
    outboundToken,
    hmacSecret,
  ]) {
    assert.ok(secret && !logs.includes(secret), 'a secret reached the logs');
  }
});

test('a user creation failing in the database logs no password hash and no query parameters', async () => {
  const admin = await api.createUser({ admin: true });
  const cookie = await api.login(admin.user.username, admin.password);
  const username = `dbfail${Date.now()}`;
  // A constraint that refuses exactly this row: the INSERT fails in PostgreSQL, past every check in the route.
  await api.dataSource.query(
    `ALTER TABLE users ADD CONSTRAINT refuse_${username} CHECK (username <> '${username}') NOT VALID`,
  );
  const from = api.logLines.length;
  try {
    const response = await api.request('/api/admin/users', {
      method: 'POST',
      cookie,
      json: { username, password: 'Orchard-lantern-47', email: `${username}@example.com` },
    });
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), { error: 'Internal server error' });
  } finally {
    await api.dataSource.query(`ALTER TABLE users DROP CONSTRAINT refuse_${username}`);
  }
  const logs = api.logLines.slice(from).join('\n');
  assert.ok(logs.includes(`violates check constraint \\"refuse_${username}\\"`), 'the failure is logged');
  assert.doesNotMatch(logs, /scrypt\$/, 'the password hash reached the logs');
  assert.ok(!logs.includes('Orchard-lantern-47'));
  assert.doesNotMatch(logs, /"parameters"/);
  assert.doesNotMatch(logs, /Failing row contains/);
});

test('behind a trusted TLS proxy (TRUST_PROXY=true) the session cookie is Secure', async () => {
  const proxied = await startApiHarness({
    database: { dataSource: api.dataSource, url: '', stop: async () => undefined },
    env: { TRUST_PROXY: 'true' },
  });
  try {
    const { user, password } = await proxied.createUser();
    const response = await proxied.request('/api/auth/login', {
      method: 'POST',
      json: { username: user.username, password },
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    assert.equal(response.status, 200);
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('flowbot_session='));
    assert.match(cookie ?? '', /;\s*secure/i);
  } finally {
    await proxied.stop();
  }
});
