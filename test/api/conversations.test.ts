/**
 * The conversation reads through real HTTP on the real stack: the published list shape, paging,
 * filters, statistics, one conversation, its messages, tenancy and bad queries.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SESSION_COOKIE } from '../../api/auth/session-cookie';
import { startApiStack, type ApiStack, type Caller } from './api-stack';
import { seedConversation } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;
let stranger: Caller;
let admin: Caller;
let ids: string[];
let flowId: string;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  stranger = await s.seedCaller();
  admin = await s.seedCaller({ role: 'admin' });
  ({ flowId } = await s.seedFlow(owner, { drawflow: { Home: { data: {} } } }));
  const base = Date.parse('2025-01-20T10:00:00.000Z');
  ids = [];
  for (let i = 0; i < 5; i++) {
    ids.push(
      await seedConversation(s.stack.dataSource, owner, {
        startedAt: new Date(base + i * 60_000),
        status: i < 2 ? 'completed' : 'handoff',
        flowId: i === 4 ? flowId : null,
        customerName: `Customer ${i}`,
        lastCustomerMessageAt: i === 3 ? new Date() : null,
      }),
    );
  }
  await seedConversation(s.stack.dataSource, stranger, {});
});

after(() => s?.stop());

const get = (path: string, token = owner.apiToken) => s.request('GET', path, { token });

describe('GET /api/conversations', () => {
  test('answers the published array shape, newest first, only the caller’s', async () => {
    const response = await get('/api/conversations?limit=50');
    assert.equal(response.status, 200);
    assert.ok(Array.isArray(response.body));
    assert.deepEqual(
      response.body.map((item: { id: string }) => item.id),
      [...ids].reverse(),
    );
    assert.deepEqual(Object.keys(response.body[0]).sort(), [
      'customerName',
      'flowId',
      'id',
      'lastCustomerMessageAt',
      'lastMessage',
      'startedAt',
      'status',
      'waPhoneNumber',
    ]);
    assert.match(response.body[0].waPhoneNumber, /^\+\d{8,15}$/);
    assert.equal(response.body[0].flowId, flowId);
    assert.equal(response.body[4].startedAt, '2025-01-20T10:00:00.000Z');
  });

  test('the session cookie works too', async () => {
    const response = await s.request('GET', '/api/conversations', {
      headers: { cookie: `${SESSION_COOKIE}=${owner.sessionToken}` },
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.length, 5);
  });

  test('pages with limit/offset and before', async () => {
    const first = await get('/api/conversations?limit=2');
    const second = await get('/api/conversations?limit=2&offset=2');
    assert.deepEqual(
      [...first.body, ...second.body].map((item: { id: string }) => item.id),
      [ids[4], ids[3], ids[2], ids[1]],
    );
    const older = await get(
      `/api/conversations?limit=10&before=${encodeURIComponent(first.body[1].startedAt)}`,
    );
    assert.deepEqual(
      older.body.map((item: { id: string }) => item.id),
      [ids[2], ids[1], ids[0]],
    );
  });

  test('filters by status and flow', async () => {
    const completed = await get('/api/conversations?status=completed');
    assert.deepEqual(completed.body.map((item: { id: string }) => item.id).sort(), [ids[0], ids[1]].sort());
    const byFlow = await get(`/api/conversations?flowId=${flowId}`);
    assert.deepEqual(
      byFlow.body.map((item: { id: string }) => item.id),
      [ids[4]],
    );
  });

  test('search finds a part of the name (any case) or of the phone digits, however they are written', async () => {
    const byName = await get('/api/conversations?search=CUSTOMER%203');
    assert.deepEqual(
      byName.body.map((item: { id: string }) => item.id),
      [ids[3]],
    );
    const all = await get('/api/conversations');
    const phone: string = all.body.find((item: { id: string }) => item.id === ids[2]).waPhoneNumber;
    // "+972 50-123 4567" style: the digits are what is compared.
    const written = `${phone.slice(0, 4)} ${phone.slice(4, 6)}-${phone.slice(6)}`;
    const byPhone = await get(`/api/conversations?search=${encodeURIComponent(written)}`);
    assert.deepEqual(
      byPhone.body.map((item: { id: string }) => item.id),
      [ids[2]],
    );
    const stats = await get('/api/conversations/stats?search=customer%203');
    assert.equal(stats.body.total, 1);
    // LIKE wildcards are plain characters here, not "anything".
    assert.deepEqual((await get('/api/conversations?search=%25')).body, []);
    assert.deepEqual((await get('/api/conversations?search=_')).body, []);
  });

  test('stats=true adds counts in X-Conversation-Stats; /stats answers them as a body', async () => {
    const response = await get('/api/conversations?stats=true&limit=1');
    assert.equal(response.body.length, 1);
    const expected = { total: 5, byStatus: { active: 0, handoff: 3, completed: 2, stopped: 0, failed: 0 } };
    assert.deepEqual(JSON.parse(response.headers.get('x-conversation-stats') ?? 'null'), expected);
    assert.deepEqual((await get('/api/conversations/stats')).body, expected);
  });

  test('admins may filter by userId; other users only ever see their own', async () => {
    const asAdmin = await get(`/api/conversations?userId=${owner.userId}`, admin.apiToken);
    assert.equal(asAdmin.body.length, 5);
    const asStranger = await get(`/api/conversations?userId=${owner.userId}`, stranger.apiToken);
    assert.equal(asStranger.body.length, 1);
    assert.ok(asStranger.body.every((item: { id: string }) => !ids.includes(item.id)));
  });

  for (const query of [
    'limit=0',
    'limit=201',
    'limit=abc',
    'offset=-1',
    'status=open',
    'flowId=x',
    'before=yesterday',
    'stats=yes',
    'search=',
    `search=${'x'.repeat(101)}`,
  ]) {
    test(`bad query ${query}: 400 {"error"}`, async () => {
      const response = await get(`/api/conversations?${query}`);
      assert.equal(response.status, 400);
      assert.equal(typeof response.body.error, 'string');
    });
  }

  test('no credentials: 401', async () => {
    assert.equal((await s.request('GET', '/api/conversations')).status, 401);
  });
});

describe('GET /api/conversations/{id} and /messages', () => {
  test('one conversation with its window state', async () => {
    const response = await get(`/api/conversations/${ids[3]}`);
    assert.equal(response.status, 200);
    assert.equal(response.body.id, ids[3]);
    assert.equal(response.body.windowOpen, true);
    assert.ok(response.body.windowClosesAt);
    assert.equal((await get(`/api/conversations/${ids[0]}`)).body.windowOpen, false);
  });

  test('messages, oldest first, paged', async () => {
    for (const [i, text] of ['one', 'two', 'three'].entries()) {
      await s.stack.dataSource.query(
        `INSERT INTO messages ("conversationId", "whatsappAccountId", direction, type, content, "waMessageId", status, "createdAt")
         VALUES ($1, $2, 'inbound', 'text', $3::jsonb, $4, 'received', $5)`,
        [
          ids[2],
          owner.accountId,
          JSON.stringify({ text }),
          `wamid.T${i}${Date.now()}`,
          new Date(Date.now() + i),
        ],
      );
    }
    const page = await get(`/api/conversations/${ids[2]}/messages?limit=2`);
    assert.equal(page.status, 200);
    assert.deepEqual(
      page.body.map((message: { content: { text: string } }) => message.content.text),
      ['one', 'two'],
    );
    const rest = await get(`/api/conversations/${ids[2]}/messages?limit=2&offset=2`);
    assert.deepEqual(
      rest.body.map((message: { content: { text: string } }) => message.content.text),
      ['three'],
    );
  });

  test("another user's conversation is a 404, for reading and for its messages; admins may read it", async () => {
    assert.equal((await get(`/api/conversations/${ids[0]}`, stranger.apiToken)).status, 404);
    assert.equal((await get(`/api/conversations/${ids[0]}/messages`, stranger.apiToken)).status, 404);
    assert.equal((await get(`/api/conversations/${ids[0]}`, admin.apiToken)).status, 200);
  });

  test('unknown or malformed ids: 404', async () => {
    assert.equal((await get('/api/conversations/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await get('/api/conversations/not-an-id')).status, 404);
    assert.equal((await get('/api/conversations/not-an-id/messages')).status, 404);
  });
});

test('a conversation phone is never logged', () => {
  assert.doesNotMatch(s.logLines.join(''), /\+9725\d{8}/);
});
