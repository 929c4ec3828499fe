/**
 * `/api/contacts…` through real HTTP on the real stack: CRUD, the list's filters (the shared contact
 * filter on real PostgreSQL) and paging, tenancy, CSV import (all or nothing, bad lines listed) and
 * deleting a contact with their open conversation and data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../support/full-stack';
import { buildTextMessageWebhook } from '../support/whatsapp-webhook-payloads';
import { buildLeadFlow, startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;
let stranger: Caller;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  stranger = await s.seedCaller();
});
after(() => s?.stop());

const create = (body: Record<string, unknown>, caller = owner) =>
  s.request('POST', '/api/contacts', {
    token: caller.apiToken,
    body: { whatsappAccountId: caller.accountId, ...body },
  });
const list = async (query: string, caller = owner) => {
  const response = await s.request('GET', `/api/contacts?${query}`, { token: caller.apiToken });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body as { phone: string }[];
};
const importCsv = (csv: string, caller = owner) =>
  s.request('POST', `/api/contacts/import?whatsappAccountId=${caller.accountId}`, {
    token: caller.apiToken,
    body: csv,
    headers: { 'content-type': 'text/csv' },
  });
const countContacts = async (accountId = owner.accountId) =>
  (
    await s.stack.dataSource.query(`SELECT count(*)::int AS n FROM contacts WHERE "whatsappAccountId" = $1`, [
      accountId,
    ])
  )[0].n as number;

describe('CRUD', () => {
  test('create, get, update and delete; the phone is stored as E.164', async () => {
    const phone = randomPhone();
    const created = await create({
      phone: `${phone.slice(0, 4)} ${phone.slice(4)}`,
      name: 'Noa',
      attributes: { city: 'Haifa' },
      tags: ['vip'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.phone, phone);
    assert.equal(created.body.optState, 'unknown');
    assert.equal(created.body.optStateAt, null);
    const id = created.body.id as string;

    assert.equal((await create({ phone })).status, 409, 'one contact per number and phone');
    assert.equal((await s.request('GET', `/api/contacts/${id}`, { token: owner.apiToken })).body.name, 'Noa');

    const updated = await s.request('PATCH', `/api/contacts/${id}`, {
      token: owner.apiToken,
      body: { tags: ['vip', '2024'], optState: 'opted_in' },
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body.tags, ['vip', '2024']);
    assert.deepEqual(updated.body.attributes, { city: 'Haifa' }, 'fields not sent stay');
    assert.equal(updated.body.optState, 'opted_in');
    assert.equal(updated.body.optStateSource, 'api');
    assert.ok(updated.body.optStateAt);

    assert.equal((await s.request('DELETE', `/api/contacts/${id}`, { token: owner.apiToken })).status, 204);
    assert.equal((await s.request('GET', `/api/contacts/${id}`, { token: owner.apiToken })).status, 404);
  });

  test('bad input is a 400 {"error"}; another user’s contact or number is a 404', async () => {
    for (const body of [
      { phone: '0501234567' },
      { phone: randomPhone(), optState: 'maybe' },
      { phone: randomPhone(), extra: 1 },
    ]) {
      const response = await create(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(typeof response.body.error, 'string');
    }
    const mine = await create({ phone: randomPhone() });
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const response = await s.request(method, `/api/contacts/${mine.body.id}`, {
        token: stranger.apiToken,
        ...(method === 'PATCH' ? { body: { name: 'x' } } : {}),
      });
      assert.equal(response.status, 404, method);
    }
    const foreignNumber = await s.request('POST', '/api/contacts', {
      token: stranger.apiToken,
      body: { whatsappAccountId: owner.accountId, phone: randomPhone() },
    });
    assert.equal(foreignNumber.status, 404);
    assert.ok(!(await list('limit=200', stranger)).some((contact) => contact.phone === mine.body.phone));
  });
});

describe('list', () => {
  test('filters by tags (all of them), attributes, opt state and number; pages with limit and offset', async () => {
    const tag = `t${Date.now()}`;
    const phones = [randomPhone(), randomPhone(), randomPhone()];
    await create({ phone: phones[0], tags: [tag, 'gold'], attributes: { city: 'Haifa', plan: 'pro' } });
    await create({ phone: phones[1], tags: [tag], attributes: { city: 'Haifa' }, optState: 'opted_out' });
    await create({ phone: phones[2], tags: [tag, 'gold'], attributes: { city: 'Eilat' } });

    const phonesOf = (contacts: { phone: string }[]) => contacts.map((contact) => contact.phone).sort();
    assert.deepEqual(phonesOf(await list(`tag=${tag}`)), [...phones].sort());
    assert.deepEqual(phonesOf(await list(`tag=${tag}&tag=gold`)), [phones[0], phones[2]].sort());
    assert.deepEqual(phonesOf(await list(`tag=${tag}&attr.city=Haifa`)), [phones[0], phones[1]].sort());
    assert.deepEqual(phonesOf(await list(`tag=${tag}&attr.city=Haifa&attr.plan=pro`)), [phones[0]]);
    assert.deepEqual(phonesOf(await list(`tag=${tag}&optState=opted_out`)), [phones[1]]);
    assert.deepEqual(await list(`tag=${tag}&whatsappAccountId=${stranger.accountId}`), []);

    const first = await list(`tag=${tag}&limit=2`);
    const second = await list(`tag=${tag}&limit=2&offset=2`);
    assert.equal(first.length, 2);
    assert.equal(second.length, 1);
    assert.deepEqual(phonesOf([...first, ...second]), [...phones].sort(), 'newest first, no overlap');

    for (const query of ['optState=maybe', 'limit=0', 'colour=red', 'whatsappAccountId=nope']) {
      const response = await s.request('GET', `/api/contacts?${query}`, { token: owner.apiToken });
      assert.equal(response.status, 400, query);
    }
  });
});

describe('contacts from the paths that know a customer', () => {
  const nameOf = async (phone: string) =>
    (
      await s.stack.dataSource.query(
        `SELECT name FROM contacts WHERE "whatsappAccountId" = $1 AND phone = $2`,
        [owner.accountId, phone],
      )
    )[0]?.name as string | null | undefined;
  const write = (phone: string, profileName: string) =>
    s.postWhatsAppWebhook(
      buildTextMessageWebhook({
        phoneNumberId: owner.phoneNumberId,
        from: phone.slice(1),
        text: 'hello',
        profileName,
      }),
    );

  test('an inbound message creates the contact with the WhatsApp profile name, never overwriting the business’s', async () => {
    const stranger = randomPhone();
    assert.equal((await write(stranger, 'Profile Name')).status, 200);
    await waitFor(
      async () => (await nameOf(stranger)) === 'Profile Name' || undefined,
      10_000,
      'the new contact',
    );

    const known = randomPhone();
    assert.equal((await create({ phone: known, name: 'Set By Business' })).status, 201);
    assert.equal((await write(known, 'Profile Name')).status, 200);
    await waitFor(
      async () =>
        (
          await s.stack.dataSource.query(
            `SELECT 1 FROM conversations WHERE "whatsappAccountId" = $1 AND "customerPhone" = $2`,
            [owner.accountId, known],
          )
        )[0],
      10_000,
      'the handoff conversation',
    );
    assert.equal(await nameOf(known), 'Set By Business');
  });

  test('a lead’s name replaces the stored one', async () => {
    const leadFlow = await s.seedFlow(owner, buildLeadFlow());
    const phone = randomPhone();
    assert.equal((await create({ phone, name: 'Old Name' })).status, 201);
    const lead = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
      token: owner.apiToken,
      body: { phone, name: 'New Name', email: 'x@example.com' },
    });
    assert.equal(lead.status, 200, JSON.stringify(lead.body));
    assert.equal(await nameOf(phone), 'New Name');
    const [contact] = await s.stack.dataSource.query(
      `SELECT attributes FROM contacts WHERE "whatsappAccountId" = $1 AND phone = $2`,
      [owner.accountId, phone],
    );
    assert.deepEqual(contact.attributes, {}, 'lead fields stay flow variables, not attributes');
  });
});

describe('CSV import', () => {
  test('creates and updates by phone; other columns become attributes; tags split on ; or |', async () => {
    const existing = randomPhone();
    await create({
      phone: existing,
      name: 'Old',
      tags: ['old'],
      attributes: { city: 'Haifa', plan: 'basic' },
    });
    const fresh = randomPhone();
    const csv = [
      'phone,name,tags,optState,plan',
      `${existing},,new|vip,opted_in,pro`,
      `"${fresh}","Cohen, Dana","a;b",,"says ""hi"""`,
      '',
    ].join('\r\n');
    const response = await importCsv(csv);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body, { success: true, created: 1, updated: 1 });

    const [updated] = (await list('limit=200')).filter((c) => c.phone === existing) as Record<
      string,
      unknown
    >[];
    assert.equal(updated.name, 'Old', 'an empty name keeps the stored one');
    assert.deepEqual(updated.tags, ['old', 'new', 'vip']);
    assert.deepEqual(updated.attributes, { city: 'Haifa', plan: 'pro' });
    assert.equal(updated.optState, 'opted_in');
    assert.equal(updated.optStateSource, 'import');
    const [created] = (await list('limit=200')).filter((c) => c.phone === fresh) as Record<string, unknown>[];
    assert.equal(created.name, 'Cohen, Dana');
    assert.deepEqual(created.tags, ['a', 'b']);
    assert.deepEqual(created.attributes, { plan: 'says "hi"' });
  });

  test('bad rows are listed by line and nothing is imported', async () => {
    const before = await countContacts();
    const rows = Array.from({ length: 300 }, () => `${randomPhone()},Name,vip,`);
    rows[4] = '0501234567,Local,,'; // line 6: no country code
    rows[9] = `${randomPhone()},Name,vip,maybe`; // line 11: unknown optState
    rows[19] = `${randomPhone()},Name`; // line 21: wrong column count
    rows[29] = rows[0]; // line 31: the phone of line 2 again
    const response = await importCsv(['phone,name,tags,optState', ...rows].join('\n'));
    assert.equal(response.status, 422, JSON.stringify(response.body));
    assert.match(response.body.error, /Nothing was imported: 4 bad rows/);
    assert.deepEqual(
      (response.body.problems as { line: number }[]).map((problem) => problem.line),
      [6, 11, 21, 31],
    );
    assert.equal(await countContacts(), before, 'not one row was imported');
  });

  test('no phone column, not CSV, too large, another user’s number', async () => {
    assert.equal((await importCsv('name,city\nDana,Haifa\n')).status, 422);
    const json = await s.request('POST', `/api/contacts/import?whatsappAccountId=${owner.accountId}`, {
      token: owner.apiToken,
      body: { phone: randomPhone() },
    });
    assert.equal(json.status, 415);
    const huge = `phone,note\n${`${randomPhone()},${'x'.repeat(1000)}\n`.repeat(21 * 1024)}`;
    assert.equal((await importCsv(huge)).status, 413);
    const foreign = await s.request('POST', `/api/contacts/import?whatsappAccountId=${owner.accountId}`, {
      token: stranger.apiToken,
      body: `phone\n${randomPhone()}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(foreign.status, 404);
  });
});

describe('delete', () => {
  test('stops the open conversation and removes the customer’s contact, conversations and messages', async () => {
    const leadFlow = await s.seedFlow(owner, buildLeadFlow());
    const phone = randomPhone();
    const lead = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
      token: owner.apiToken,
      body: { phone, name: 'Dana' },
    });
    assert.equal(lead.status, 200, JSON.stringify(lead.body));
    await waitFor(() => s.stack.messagesTo(phone)[0], 15_000, 'the lead template');
    const [row] = await s.stack.dataSource.query(`SELECT "workflowId" FROM conversations WHERE id = $1`, [
      lead.body.conversationId,
    ]);
    const [contact] = await s.stack.dataSource.query(
      `SELECT id FROM contacts WHERE "whatsappAccountId" = $1 AND phone = $2`,
      [owner.accountId, phone],
    );
    assert.ok(contact, 'the lead created the contact');

    const deleted = await s.request('DELETE', `/api/contacts/${contact.id}`, { token: owner.apiToken });
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
    const description = await s.stack.client.workflow.getHandle(row.workflowId).describe();
    assert.equal(description.status.name, 'TERMINATED');
    for (const [table, column] of [
      ['contacts', 'phone'],
      ['conversations', '"customerPhone"'],
    ]) {
      const rows = await s.stack.dataSource.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [phone]);
      assert.equal(rows.length, 0, `${table} still holds the phone`);
    }
    const messages = await s.stack.dataSource.query(`SELECT 1 FROM messages WHERE "conversationId" = $1`, [
      lead.body.conversationId,
    ]);
    assert.equal(messages.length, 0, 'the messages are gone');
  });
});
