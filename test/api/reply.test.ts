/**
 * `POST /api/conversations/{id}/reply` through real HTTP on the real stack: the message is sent by the
 * worker's activity (agentReplyWorkflow) to the fake Graph API and its wamid returned; the 24-hour
 * window rule; Graph failures; tenancy; bad input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { graphErrors } from '../support/fake-graph-api';
import { startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone, seedConversation } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;
let stranger: Caller;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  stranger = await s.seedCaller();
  await s.seedTemplateGroup(owner, [
    { name: 'order_update', language: 'en', bodyParamCount: 2 },
    { name: 'shipping_notice', language: 'en_US', headerParamCount: 1, bodyParamCount: 1 },
  ]);
  await s.seedTemplateGroup(stranger, [{ name: 'stranger_only', language: 'en', bodyParamCount: 0 }]);
});

after(() => s?.stop());

async function conversation(lastCustomerMessageAt: Date | null) {
  const phone = randomPhone();
  const id = await seedConversation(s.stack.dataSource, owner, { phone, lastCustomerMessageAt });
  return { id, phone };
}

const reply = (id: string, body: unknown, token = owner.apiToken) =>
  s.request('POST', `/api/conversations/${id}/reply`, { body, token });

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe('inside the 24-hour window', () => {
  test('a text is sent by the worker and its wamid returned, exactly as published', async () => {
    const { id, phone } = await conversation(hoursAgo(1));
    const response = await reply(id, { messageType: 'text', text: 'Hello! How can I help you?' });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const sent = s.stack.messagesTo(phone);
    assert.equal(sent.length, 1);
    assert.match(response.body.messageId, /^wamid\./);
    assert.deepEqual(response.body, {
      success: true,
      messageId: s.stack.graph.sentMessages().find((m) => m.to === phone.slice(1))?.waMessageId,
      windowOpen: true,
    });
    assert.deepEqual(sent[0].body.text, { body: 'Hello! How can I help you?', preview_url: false });
    const rows = await s.stack.dataSource.query(
      `SELECT direction, status, "waMessageId" FROM messages WHERE "conversationId" = $1`,
      [id],
    );
    assert.deepEqual(rows, [{ direction: 'outbound', status: 'sent', waMessageId: response.body.messageId }]);
  });

  test('image, video and document by mediaUrl with caption', async () => {
    const { id, phone } = await conversation(hoursAgo(2));
    for (const messageType of ['image', 'video', 'document'] as const) {
      const response = await reply(id, {
        messageType,
        mediaUrl: 'https://example.com/uploads/photo.jpg',
        caption: 'Here it is',
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
    assert.deepEqual(
      s.stack
        .messagesTo(phone)
        .map((message) => [message.type, (message.body[message.type] as { caption: string }).caption]),
      [
        ['image', 'Here it is'],
        ['video', 'Here it is'],
        ['document', 'Here it is'],
      ],
    );
  });
});

describe('outside the 24-hour window', () => {
  for (const [name, last] of [
    ['never opened', null],
    ['closed 25 hours ago', hoursAgo(25)],
  ] as const) {
    test(`${name}: a text is refused with 422 and windowOpen false, nothing sent`, async () => {
      const { id, phone } = await conversation(last);
      const response = await reply(id, { messageType: 'text', text: 'Hi' });
      assert.equal(response.status, 422);
      assert.equal(response.body.windowOpen, false);
      assert.match(response.body.error, /24-hour window/);
      assert.equal(s.stack.messagesTo(phone).length, 0);
    });
  }

  test('a template is sent (windowOpen false in the answer)', async () => {
    const { id, phone } = await conversation(hoursAgo(30));
    const response = await reply(id, {
      messageType: 'template',
      templateName: 'order_update',
      templateLanguage: 'en',
      templateParams: ['ORD-12345', 'Shipped'],
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.windowOpen, false);
    const [sent] = s.stack.messagesTo(phone);
    assert.equal((sent.body.template as { name: string }).name, 'order_update');
  });
});

describe('templates are checked against the owner’s template groups, as the outbound trigger does', () => {
  const template = (templateName: string, templateLanguage: string, templateParams: string[]) => ({
    messageType: 'template',
    templateName,
    templateLanguage,
    templateParams,
  });

  for (const params of [['ORD-12345'], ['ORD-12345', 'Shipped', 'extra'], []]) {
    test(`${params.length} parameter(s) for a template that takes 2: 422 naming both counts, nothing sent`, async () => {
      const { id, phone } = await conversation(hoursAgo(30));
      const response = await reply(id, template('order_update', 'en', params));
      assert.equal(response.status, 422, JSON.stringify(response.body));
      assert.deepEqual(response.body, {
        error: `Template "order_update" takes 2 parameter(s) in templateParams, got ${params.length}`,
      });
      assert.equal(s.stack.messagesTo(phone).length, 0);
    });
  }

  test('a template FlowBot has no definition of (unknown, another language, another user’s) is sent as published', async () => {
    for (const [name, language] of [
      ['no_such_template', 'en'],
      ['order_update', 'fr'],
      ['stranger_only', 'en'],
    ]) {
      const { id, phone } = await conversation(hoursAgo(30));
      const response = await reply(id, template(name, language, ['ORD-1']));
      assert.equal(response.status, 200, `${name}: ${JSON.stringify(response.body)}`);
      const [sent] = s.stack.messagesTo(phone);
      const sentTemplate = sent.body.template as { name: string; components: unknown[] };
      assert.equal(sentTemplate.name, name);
      assert.deepEqual(sentTemplate.components, [
        { type: 'body', parameters: [{ type: 'text', text: 'ORD-1' }] },
      ]);
    }
  });

  test('header parameters come first, as in the trigger: the header gets the first, the body the rest', async () => {
    const { id, phone } = await conversation(hoursAgo(30));
    const response = await reply(id, template('shipping_notice', 'en_US', ['Your parcel', 'ORD-9']));
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const [sent] = s.stack.messagesTo(phone);
    assert.deepEqual((sent.body.template as { components: unknown[] }).components, [
      { type: 'header', parameters: [{ type: 'text', text: 'Your parcel' }] },
      { type: 'body', parameters: [{ type: 'text', text: 'ORD-9' }] },
    ]);
  });
});

describe('WhatsApp failures', () => {
  test('Graph rejecting the message: 422 naming the reason', async () => {
    const { id } = await conversation(hoursAgo(1));
    s.stack.graph.failNext(1, graphErrors.invalidParameter);
    const response = await reply(id, { messageType: 'text', text: 'x' });
    assert.equal(response.status, 422);
    assert.match(response.body.error, /WhatsApp rejected the message/);
  });

  test('Graph refusing our token: 502', async () => {
    const { id } = await conversation(hoursAgo(1));
    s.stack.graph.failNext(1, { status: 401, code: 190, title: 'Invalid OAuth access token' });
    const response = await reply(id, { messageType: 'text', text: 'x' });
    assert.equal(response.status, 502);
    assert.equal(typeof response.body.error, 'string');
  });
});

describe('tenancy and bad input', () => {
  test("another user's conversation: 404, nothing sent", async () => {
    const { id, phone } = await conversation(hoursAgo(1));
    assert.equal((await reply(id, { messageType: 'text', text: 'x' }, stranger.apiToken)).status, 404);
    assert.equal(s.stack.messagesTo(phone).length, 0);
  });

  const cases: [string, unknown][] = [
    ['malformed JSON', '{"messageType":'],
    ['no messageType', { text: 'x' }],
    ['unknown messageType', { messageType: 'sticker', text: 'x' }],
    ['empty text', { messageType: 'text', text: '' }],
    ['text as a number', { messageType: 'text', text: 5 }],
    ['too long a text', { messageType: 'text', text: 'x'.repeat(4097) }],
    ['mediaUrl not a URL', { messageType: 'image', mediaUrl: 'photo.jpg' }],
    ['mediaUrl not http', { messageType: 'image', mediaUrl: 'file:///etc/passwd' }],
    ['template without a name', { messageType: 'template', templateLanguage: 'en' }],
  ];
  for (const [name, body] of cases) {
    test(`${name}: 400 {"error"}`, async () => {
      const { id } = await conversation(hoursAgo(1));
      const response = await reply(id, body);
      assert.equal(response.status, 400, JSON.stringify(response.body));
      assert.equal(typeof response.body.error, 'string');
    });
  }

  test('unknown conversation: 404', async () => {
    assert.equal(
      (await reply('00000000-0000-4000-8000-000000000000', { messageType: 'text', text: 'x' })).status,
      404,
    );
  });
});
