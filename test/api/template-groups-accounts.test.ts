import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TemplateGroup } from '../../entities/template-group';
import { startApiHarness, type ApiHarness, type CreatedUser } from '../support/api-harness';

let api: ApiHarness;
let alice: CreatedUser;
let aliceCookie: string;
let bobCookie: string;
let bob: CreatedUser;

before(async () => {
  api = await startApiHarness();
  alice = await api.createUser();
  bob = await api.createUser();
  aliceCookie = await api.login(alice.user.username, alice.password);
  bobCookie = await api.login(bob.user.username, bob.password);
});
after(() => api?.stop());

type Json = Record<string, unknown>;

async function call(path: string, init: Parameters<ApiHarness['request']>[1] = {}) {
  const response = await api.request(path, { cookie: aliceCookie, ...init });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

const orderUpdate = { name: 'order_update', language: 'en_US', category: 'UTILITY', bodyParamCount: 2 };

describe('/api/template-groups', () => {
  test('create, list, get, update (PUT and PATCH) and delete', async () => {
    const created = await call('/api/template-groups', {
      method: 'POST',
      json: { name: 'Orders', templates: [orderUpdate] },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(Object.keys(created.body).sort(), ['createdAt', 'id', 'name', 'templates', 'updatedAt']);
    assert.deepEqual(created.body.templates, [orderUpdate]);
    const id = created.body.id as string;

    const list = await api.request('/api/template-groups', { cookie: aliceCookie });
    assert.ok(((await list.json()) as Json[]).some((group) => group.id === id));
    assert.equal((await call(`/api/template-groups/${id}`)).body.name, 'Orders');

    const code = {
      name: 'login_code',
      language: 'en',
      category: 'AUTHENTICATION',
      bodyParamCount: 1,
      buttons: [{ type: 'URL' }],
    };
    const put = await call(`/api/template-groups/${id}`, {
      method: 'PUT',
      json: { templates: [orderUpdate, code] },
    });
    assert.equal(put.status, 200);
    assert.equal((put.body.templates as unknown[]).length, 2);
    const patch = await call(`/api/template-groups/${id}`, { method: 'PATCH', json: { name: 'Renamed' } });
    assert.equal(patch.body.name, 'Renamed');
    assert.equal((patch.body.templates as unknown[]).length, 2);

    assert.equal((await call(`/api/template-groups/${id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await call(`/api/template-groups/${id}`)).status, 404);
  });

  test('tenancy: Bob gets 404 and changes nothing; Bob’s list does not show it', async () => {
    const group = await api.dataSource
      .getRepository(TemplateGroup)
      .save({ userId: alice.user.id, name: 'Mine', templates: [] });
    for (const [method, json] of [
      ['GET'],
      ['PUT', { name: 'x' }],
      ['PATCH', { name: 'x' }],
      ['DELETE'],
    ] as const) {
      const response = await api.request(`/api/template-groups/${group.id}`, {
        method,
        cookie: bobCookie,
        json,
      });
      assert.equal(response.status, 404, method);
    }
    const bobs = (await (await api.request('/api/template-groups', { cookie: bobCookie })).json()) as Json[];
    assert.ok(!bobs.some((row) => row.id === group.id));
    assert.equal(
      (await api.dataSource.getRepository(TemplateGroup).findOneByOrFail({ id: group.id })).name,
      'Mine',
    );
  });

  test('bad templates are a 400 naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /name/],
      [{ name: 'g', templates: [{ ...orderUpdate, name: 'Bad Name' }] }, /templates\.0\.name/],
      [{ name: 'g', templates: [{ ...orderUpdate, bodyParamCount: -1 }] }, /templates\.0\.bodyParamCount/],
      [{ name: 'g', templates: [{ ...orderUpdate, language: 'english!' }] }, /templates\.0\.language/],
      [{ name: 'g', templates: [{ name: 'x', language: 'en' }] }, /bodyParamCount/],
      [{ name: 'g', templates: 'nope' }, /templates/],
    ];
    for (const [json, pattern] of cases) {
      const result = await call('/api/template-groups', { method: 'POST', json });
      assert.equal(result.status, 400, JSON.stringify(json));
      assert.match(result.body.error as string, pattern);
    }
  });
});

describe('/api/whatsapp/accounts', () => {
  test('lists the caller’s accounts without any token; PATCH sets the inbound flow and pacing', async () => {
    const account = await api.seedAccount(alice.user.id);
    await api.seedAccount(bob.user.id);
    const list = await api.request('/api/whatsapp/accounts', { cookie: aliceCookie });
    const rows = (await list.json()) as Json[];
    assert.deepEqual(
      rows.map((row) => row.id),
      [account.id],
    );
    assert.deepEqual(Object.keys(rows[0]).sort(), [
      'createdAt',
      'displayPhoneNumber',
      'id',
      'inboundFlowId',
      'messagesPerSecond',
      'optInKeywords',
      'optOutConfirmation',
      'optOutKeywords',
      'phoneNumberId',
      'updatedAt',
    ]);
    assert.ok(!JSON.stringify(rows).includes(account.accessTokenEncrypted));

    const flow = await api.seedFlow(alice.user.id);
    const patched = await call(`/api/whatsapp/accounts/${account.id}`, {
      method: 'PATCH',
      json: { inboundFlowId: flow.id, messagesPerSecond: 20 },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.inboundFlowId, flow.id);
    assert.equal(patched.body.messagesPerSecond, 20);
    const cleared = await call(`/api/whatsapp/accounts/${account.id}`, {
      method: 'PATCH',
      json: { inboundFlowId: null },
    });
    assert.equal(cleared.body.inboundFlowId, null);
  });

  test('PATCH sets and clears the opt-out settings', async () => {
    const account = await api.seedAccount(alice.user.id);
    const set = await call(`/api/whatsapp/accounts/${account.id}`, {
      method: 'PATCH',
      json: {
        optOutKeywords: ['Enough', 'Basta'],
        optInKeywords: [],
        optOutConfirmation: 'Done. Reply START.',
      },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.optOutKeywords, ['Enough', 'Basta']);
    assert.deepEqual(set.body.optInKeywords, []);
    assert.equal(set.body.optOutConfirmation, 'Done. Reply START.');
    const cleared = await call(`/api/whatsapp/accounts/${account.id}`, {
      method: 'PATCH',
      json: { optOutKeywords: null, optInKeywords: null, optOutConfirmation: null },
    });
    assert.equal(cleared.body.optOutKeywords, null);
    assert.equal(cleared.body.optInKeywords, null);
    assert.equal(cleared.body.optOutConfirmation, null);
    const [row] = await api.dataSource.query(`SELECT "optOutKeywords" FROM whatsapp_accounts WHERE id = $1`, [
      account.id,
    ]);
    assert.equal(row.optOutKeywords, null);
  });

  test('another tenant’s account or flow is a 404; bad input a 400', async () => {
    const account = await api.seedAccount(alice.user.id);
    const bobsFlow = await api.seedFlow(bob.user.id);
    const foreignFlow = await call(`/api/whatsapp/accounts/${account.id}`, {
      method: 'PATCH',
      json: { inboundFlowId: bobsFlow.id },
    });
    assert.equal(foreignFlow.status, 404);
    const asBob = await api.request(`/api/whatsapp/accounts/${account.id}`, {
      method: 'PATCH',
      cookie: bobCookie,
      json: { messagesPerSecond: 1 },
    });
    assert.equal(asBob.status, 404);
    for (const json of [
      { messagesPerSecond: 0 },
      { messagesPerSecond: 'fast' },
      { inboundFlowId: 'x' },
      { phoneNumberId: '1' },
      { optOutKeywords: 'stop' },
      { optOutKeywords: [''] },
      { optOutConfirmation: '' },
    ]) {
      const result = await call(`/api/whatsapp/accounts/${account.id}`, { method: 'PATCH', json });
      assert.equal(result.status, 400, JSON.stringify(json));
    }
  });
});
