import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Conversation } from '../../entities/conversation';
import { Flow } from '../../entities/flow';
import { decryptSecret, verifyTokenHash } from '../../platform/secrets';
import { startApiHarness, sampleDrawflow, type ApiHarness, type CreatedUser } from '../support/api-harness';

let api: ApiHarness;
let alice: CreatedUser;
let bob: CreatedUser;
let aliceCookie: string;
let bobCookie: string;

before(async () => {
  api = await startApiHarness();
  alice = await api.createUser({ approved: true });
  bob = await api.createUser();
  aliceCookie = await api.login(alice.user.username, alice.password);
  bobCookie = await api.login(bob.user.username, bob.password);
});
after(() => api?.stop());

type Json = Record<string, unknown>;
const SUMMARY_KEYS = ['createdAt', 'description', 'id', 'name', 'status', 'updatedAt'];

async function call(
  path: string,
  init: Parameters<ApiHarness['request']>[1] = {},
): Promise<{ status: number; body: Json }> {
  const response = await api.request(path, { cookie: aliceCookie, ...init });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

function brokenDrawflow(): Json {
  const graph = sampleDrawflow() as { drawflow: { Home: { data: Record<string, Json> } } };
  const nodes = graph.drawflow.Home.data;
  // A dangling connection, an unknown node type and a second start: three problems at once.
  nodes['2'].outputs = { output_1: { connections: [{ node: '9', output: 'input_1' }] } };
  nodes['4'] = { ...nodes['3'], id: 4, name: 'teleport', inputs: {} };
  nodes['5'] = { ...nodes['1'], id: 5, outputs: { output_1: { connections: [] } } };
  return graph;
}

describe('GET /api/flows', () => {
  test('lists exactly the published fields, only the caller’s flows, newest update first', async () => {
    const older = await api.seedFlow(alice.user.id, { name: 'Older' });
    const newer = await api.seedFlow(alice.user.id, { name: 'Newer', status: 'active' });
    await api.seedFlow(bob.user.id, { name: 'Bob’s' });
    const response = await api.request('/api/flows', { cookie: aliceCookie });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Json[];
    assert.ok(Array.isArray(body));
    for (const row of body) assert.deepEqual(Object.keys(row).sort(), SUMMARY_KEYS);
    const ids = body.map((row) => row.id);
    assert.ok(ids.indexOf(newer.id) < ids.indexOf(older.id));
    assert.ok(!body.some((row) => row.name === 'Bob’s'));
    const row = body.find((item) => item.id === newer.id);
    assert.deepEqual(row, {
      id: newer.id,
      name: 'Newer',
      description: 'seeded',
      status: 'active',
      createdAt: newer.createdAt.toISOString(),
      updatedAt: newer.updatedAt.toISOString(),
    });
  });

  test('works with an API token; ?userId is for admins only', async () => {
    const token = await api.apiTokenFor(alice);
    const own = await api.request(`/api/flows?userId=${bob.user.id}`, { token });
    const rows = (await own.json()) as Json[];
    assert.ok(rows.length > 0);
    assert.ok(
      rows.every((row) => row.name !== 'Bob’s'),
      'a user’s userId filter is ignored',
    );

    const admin = await api.createUser({ admin: true });
    const adminCookie = await api.login(admin.user.username, admin.password);
    const filtered = (await (
      await api.request(`/api/flows?userId=${bob.user.id}`, { cookie: adminCookie })
    ).json()) as Json[];
    assert.ok(filtered.length > 0 && filtered.every((row) => row.name === 'Bob’s'));
    const unfiltered = (await (await api.request('/api/flows', { cookie: adminCookie })).json()) as Json[];
    assert.deepEqual(unfiltered, [], 'without ?userId an admin gets their own flows (none), as published');
    const bad = await api.request('/api/flows?userId=nope', { cookie: adminCookie });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as Json).error as string, /query\.userId/);
  });

  test('401 without credentials', async () => {
    const response = await api.request('/api/flows');
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), { error: 'Authentication required' });
  });
});

describe('flow CRUD', () => {
  test('create with defaults, get with drawflowData and whatsappAccountId', async () => {
    const created = await call('/api/flows', { method: 'POST', json: { name: '  Support  ' } });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, 'Support');
    assert.equal(created.body.description, '');
    assert.equal(created.body.status, 'draft');
    assert.equal(created.body.version, 1);
    assert.equal(created.body.whatsappAccountId, null);
    assert.equal(created.body.hasOutboundToken, false);
    const graph = created.body.drawflowData as {
      drawflow: { Home: { data: Record<string, { name: string }> } };
    };
    assert.deepEqual(
      Object.values(graph.drawflow.Home.data).map((node) => node.name),
      ['start'],
    );

    const account = await api.seedAccount(alice.user.id);
    const withAll = await call('/api/flows', {
      method: 'POST',
      json: { name: 'Full', description: 'd', drawflowData: sampleDrawflow(), whatsappAccountId: account.id },
    });
    assert.equal(withAll.status, 201);
    const read = await call(`/api/flows/${withAll.body.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.whatsappAccountId, account.id);
    assert.deepEqual(read.body.drawflowData, sampleDrawflow());
    for (const key of [...SUMMARY_KEYS, 'drawflowData', 'whatsappAccountId', 'version'])
      assert.ok(key in read.body, key);
  });

  test('create refuses an invalid graph (422 with every problem) and another tenant’s account (404)', async () => {
    const invalid = await call('/api/flows', {
      method: 'POST',
      json: { name: 'x', drawflowData: brokenDrawflow() },
    });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.error, 'Flow graph is invalid');
    const bobAccount = await api.seedAccount(bob.user.id);
    const foreign = await call('/api/flows', {
      method: 'POST',
      json: { name: 'x', whatsappAccountId: bobAccount.id },
    });
    assert.equal(foreign.status, 404);
  });

  test('update: a graph change is validated (422 listing every problem) and bumps version', async () => {
    const flow = await api.seedFlow(alice.user.id);
    const invalid = await call(`/api/flows/${flow.id}`, {
      method: 'PUT',
      json: { drawflowData: brokenDrawflow() },
    });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.error, 'Flow graph is invalid');
    const problems = invalid.body.problems as { path: string; message: string; code: string }[];
    const codes = problems.map((problem) => problem.code);
    for (const code of ['dangling_connection', 'unknown_type', 'several_starts'])
      assert.ok(codes.includes(code), code);
    for (const problem of problems) {
      assert.equal(typeof problem.path, 'string');
      assert.equal(typeof problem.message, 'string');
    }
    assert.equal((await api.dataSource.getRepository(Flow).findOneByOrFail({ id: flow.id })).version, 1);

    const next = sampleDrawflow('Hi there');
    const patched = await call(`/api/flows/${flow.id}`, {
      method: 'PATCH',
      json: { drawflowData: next, name: 'Renamed' },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.version, 2);
    assert.equal(patched.body.name, 'Renamed');
    assert.deepEqual(patched.body.drawflowData, next);
    const same = await call(`/api/flows/${flow.id}`, { method: 'PATCH', json: { drawflowData: next } });
    assert.equal(same.body.version, 2, 'an unchanged graph keeps its version');
    const described = await call(`/api/flows/${flow.id}`, { method: 'PUT', json: { description: 'new' } });
    assert.equal(described.body.description, 'new');
  });

  test('bad input on create and update is a 400 naming the fields, never a 5xx', async () => {
    const flow = await api.seedFlow(alice.user.id);
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', '/api/flows', {}, /name/],
      ['POST', '/api/flows', { name: 5 }, /name/],
      ['POST', '/api/flows', { name: 'x', drawflowData: 'nope' }, /drawflowData/],
      ['POST', '/api/flows', { name: 'x', whatsappAccountId: 'abc' }, /whatsappAccountId/],
      ['POST', '/api/flows', { name: 'x'.repeat(201) }, /name/],
      ['PATCH', `/api/flows/${flow.id}`, { status: 'active' }, /status/],
      ['PATCH', `/api/flows/${flow.id}`, { name: '' }, /name/],
      ['PUT', `/api/flows/${flow.id}`, { drawflowData: [] }, /drawflowData/],
    ];
    for (const [method, path, json, pattern] of cases) {
      const result = await call(path, { method, json });
      assert.equal(result.status, 400, `${method} ${path} ${JSON.stringify(json)}`);
      assert.match(result.body.error as string, pattern);
    }
    const malformed = await call('/api/flows', {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(malformed.status, 400);
    const oversized = await call(`/api/flows/${flow.id}`, {
      method: 'PATCH',
      json: { description: 'x', drawflowData: { pad: 'y'.repeat(2.5 * 1024 * 1024) } },
    });
    assert.equal(oversized.status, 413);
    assert.equal(typeof oversized.body.error, 'string');
    const notUuid = await call('/api/flows/not-a-uuid');
    assert.equal(notUuid.status, 404);
  });

  test('delete: 409 while a conversation is open, 204 otherwise', async () => {
    const account = await api.seedAccount(alice.user.id);
    const flow = await api.seedFlow(alice.user.id, { whatsappAccountId: account.id });
    const conversations = api.dataSource.getRepository(Conversation);
    const open = await conversations.save({
      userId: alice.user.id,
      whatsappAccountId: account.id,
      flowId: flow.id,
      customerPhone: '+15550001111',
      triggerSource: 'outbound',
    });
    const refused = await call(`/api/flows/${flow.id}`, { method: 'DELETE' });
    assert.equal(refused.status, 409);
    assert.match(refused.body.error as string, /1 open conversation/);
    await conversations.update({ id: open.id }, { status: 'completed', endedAt: new Date() });
    const deleted = await call(`/api/flows/${flow.id}`, { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.equal((await call(`/api/flows/${flow.id}`)).status, 404);
    assert.equal((await conversations.findOneByOrFail({ id: open.id })).flowId, null, 'history is kept');
  });
});

describe('activate, archive, credentials', () => {
  test('activate needs a valid graph and a WhatsApp account; archive', async () => {
    const flow = await api.seedFlow(alice.user.id);
    const noAccount = await call(`/api/flows/${flow.id}/activate`, { method: 'POST' });
    assert.equal(noAccount.status, 422);
    assert.match(noAccount.body.error as string, /WhatsApp account/);

    const account = await api.seedAccount(alice.user.id);
    const broken = await api.seedFlow(alice.user.id, {
      whatsappAccountId: account.id,
      drawflowData: brokenDrawflow(),
    });
    const invalid = await call(`/api/flows/${broken.id}/activate`, { method: 'POST' });
    assert.equal(invalid.status, 422);
    assert.ok((invalid.body.problems as unknown[]).length >= 3);

    await call(`/api/flows/${flow.id}`, { method: 'PATCH', json: { whatsappAccountId: account.id } });
    const active = await call(`/api/flows/${flow.id}/activate`, { method: 'POST' });
    assert.equal(active.status, 200);
    assert.equal(active.body.status, 'active');
    const unlink = await call(`/api/flows/${flow.id}`, {
      method: 'PATCH',
      json: { whatsappAccountId: null },
    });
    assert.equal(unlink.status, 422);
    const archived = await call(`/api/flows/${flow.id}/archive`, { method: 'POST' });
    assert.equal(archived.body.status, 'archived');
  });

  test('rotate credentials: shown once, token stored hashed, secret encrypted, old ones replaced', async () => {
    const flow = await api.seedFlow(alice.user.id);
    const first = await call(`/api/flows/${flow.id}/credentials/rotate`, { method: 'POST' });
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.body).sort(), ['flowId', 'hmacSecret', 'outboundToken', 'rotatedAt']);
    const stored = await api.dataSource.getRepository(Flow).findOneByOrFail({ id: flow.id });
    assert.ok(verifyTokenHash(first.body.outboundToken as string, stored.outboundTokenHash!));
    assert.notEqual(stored.hmacSecretEncrypted, first.body.hmacSecret);
    assert.equal(
      decryptSecret(stored.hmacSecretEncrypted!, api.config.dataEncryptionKey),
      first.body.hmacSecret,
    );
    const read = await call(`/api/flows/${flow.id}`);
    assert.equal(read.body.hasOutboundToken, true);
    assert.ok(!JSON.stringify(read.body).includes(first.body.outboundToken as string));

    const second = await call(`/api/flows/${flow.id}/credentials/rotate`, { method: 'POST' });
    const after = await api.dataSource.getRepository(Flow).findOneByOrFail({ id: flow.id });
    assert.ok(!verifyTokenHash(first.body.outboundToken as string, after.outboundTokenHash!));
    assert.ok(verifyTokenHash(second.body.outboundToken as string, after.outboundTokenHash!));
  });
});

test('tenancy: Bob gets 404 for every route on Alice’s flow, and nothing changes', async () => {
  const flow = await api.seedFlow(alice.user.id, { name: 'Private' });
  const routes: [string, string, unknown?][] = [
    ['GET', `/api/flows/${flow.id}`],
    ['PUT', `/api/flows/${flow.id}`, { name: 'Hijacked' }],
    ['PATCH', `/api/flows/${flow.id}`, { name: 'Hijacked' }],
    ['POST', `/api/flows/${flow.id}/activate`],
    ['POST', `/api/flows/${flow.id}/archive`],
    ['POST', `/api/flows/${flow.id}/credentials/rotate`],
    ['GET', `/api/flows/${flow.id}/runs`],
    ['DELETE', `/api/flows/${flow.id}`],
  ];
  for (const [method, path, json] of routes) {
    const response = await api.request(path, { method, cookie: bobCookie, json });
    // runs answer 503 before the lookup when no Temporal client is configured
    const expected = path.endsWith('/runs') ? [404, 503] : [404];
    assert.ok(expected.includes(response.status), `${method} ${path}: ${response.status}`);
  }
  const unchanged = await api.dataSource.getRepository(Flow).findOneByOrFail({ id: flow.id });
  assert.equal(unchanged.name, 'Private');
  assert.equal(unchanged.status, 'draft');
  assert.equal(unchanged.outboundTokenHash, null);
});

test('runs and history answer 503 without a Temporal client', async () => {
  const flow = await api.seedFlow(alice.user.id);
  const runs = await call(`/api/flows/${flow.id}/runs`);
  assert.equal(runs.status, 503);
  assert.equal(typeof runs.body.error, 'string');
  const history = await call(`/api/flows/${flow.id}/runs/wf/run/history`);
  assert.equal(history.status, 503);
});
