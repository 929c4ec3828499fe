/**
 * Input that used to get past the edge and fail deep inside (issue 12, items 6, 9, 10), on the real
 * stack in process: text PostgreSQL cannot store (NUL, unpaired UTF-16 surrogates) in bodies, query
 * strings and WhatsApp webhook batches; HTTP methods no route knows; JSON nested thousands of
 * levels deep. Each must be a 4xx `{"error"}` naming what is wrong — never a 500 — and a webhook
 * batch must never lose its good messages to a bad one.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { seedConversation, randomPhone } from '../api/conversation-fixtures';
import { startApiStack, type ApiStack, type Caller } from '../api/api-stack';
import { flow } from '../support/flow-builder';
import { waitFor } from '../support/full-stack';
import { buildTextMessageWebhook, makeInboundWaMessageId } from '../support/whatsapp-webhook-payloads';

let s: ApiStack;
let tenant: Caller;

before(async () => {
  s = await startApiStack();
  tenant = await s.seedCaller();
});

after(() => s?.stop());

/** Log lines at pino's error level (50) or above written since `from`. */
function errorLogsSince(from: number): string[] {
  return s.logLines.slice(from).filter((line) => /"level":(5|6)\d/.test(line));
}

function assertErrorBody(response: { status: number; body: unknown }, status: number, pattern: RegExp) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  const error = (response.body as { error?: unknown }).error;
  assert.equal(typeof error, 'string', JSON.stringify(response.body));
  assert.match(error as string, pattern);
}

describe('text PostgreSQL cannot store is refused at the edge', () => {
  const NUL = 'a\u0000b';
  const LONE_HIGH = 'x\ud800';
  const LONE_LOW = '\udc00y';

  test('in flow, template group, lead and login bodies: 400 naming the field', async () => {
    const leadFlow = await s.seedFlow(tenant, flow().start().then('end', {}).build());
    const created = await s.request('POST', '/api/flows', {
      body: { name: 'edge input' },
      token: tenant.sessionToken,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const flowId = (created.body as { id: string }).id;
    const cases: [string, string, unknown, RegExp, string?][] = [
      ['POST', '/api/flows', { name: NUL }, /^name: /],
      ['POST', '/api/flows', { name: 'ok', description: LONE_HIGH }, /^description: /],
      [
        'PUT',
        `/api/flows/${flowId}`,
        { drawflowData: { drawflow: { Home: { data: { 1: { name: LONE_LOW } } } } } },
        /^drawflowData\.drawflow\.Home\.data\.1\.name: /,
      ],
      ['PATCH', `/api/flows/${flowId}`, { description: `${NUL}${LONE_HIGH}` }, /^description: /],
      ['POST', '/api/template-groups', { name: LONE_LOW }, /^name: /],
      [
        'POST',
        '/api/template-groups',
        {
          name: 'g',
          templates: [{ name: 't', language: 'en', bodyParamCount: 0, buttons: [{ text: NUL }] }],
        },
        /^templates\.0\.buttons\.0\.text: /,
      ],
      [
        'POST',
        `/api/webhook/flow/${leadFlow.flowId}/lead`,
        { phone: randomPhone(), name: NUL },
        /^name: /,
        'api',
      ],
      ['POST', '/api/auth/login', { username: NUL, password: 'whatever' }, /^username: /, 'none'],
      ['POST', '/api/auth/login', { username: 'someone', password: LONE_HIGH }, /^password: /, 'none'],
      // A field name is text too; its path would itself be unprintable, so its parent is named.
      ['POST', '/api/flows', { name: 'ok', drawflowData: { [NUL]: {} } }, /^drawflowData: .*field name/],
    ];
    for (const [method, path, body, field, credential] of cases) {
      const mark = s.logLines.length;
      const token =
        credential === 'none' ? undefined : credential === 'api' ? tenant.apiToken : tenant.sessionToken;
      const response = await s.request(method, path, { body, token });
      assertErrorBody(response, 400, field);
      assert.match(
        (response.body as { error: string }).error,
        /NUL characters or unpaired UTF-16 surrogates/,
      );
      assert.deepEqual(errorLogsSince(mark), [], `${method} ${path} logged an error`);
    }
    const [row] = (await s.stack.dataSource.query(`SELECT description FROM flows WHERE id = $1`, [
      flowId,
    ])) as { description: string }[];
    assert.equal(row.description, '', 'nothing was written');
  });

  test('in query strings and path parameters: 400 naming the parameter', async () => {
    for (const [path, field] of [
      ['/api/conversations?status=%00', /^query\.status: /],
      ['/api/flows/%00', /^params\.id: /],
    ] as const) {
      const response = await s.request('GET', path, { token: tenant.sessionToken });
      assertErrorBody(response, 400, field);
      assert.match((response.body as { error: string }).error, /NUL characters/);
    }
  });

  test('well-formed text is untouched: emoji (surrogate pairs) and other control characters', async () => {
    const name = 'Pizza 🍕 \u0001\u001f \u{10FFFF} 𝄞';
    const created = await s.request('POST', '/api/flows', { body: { name }, token: tenant.sessionToken });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((created.body as { name: string }).name, name);
  });
});

describe('a WhatsApp webhook batch', () => {
  const twoQuestionFlow = () =>
    flow()
      .start()
      .then('template', { name: 'lead_welcome', language: 'en', bodyParams: ['{{name}}'] })
      .then('question', { variable: 'first', validation: 'text', timeoutMinutes: 1440 })
      .then('question', { variable: 'second', validation: 'text', timeoutMinutes: 1440 })
      .then('message', { text: 'Got {{first}} then {{second}}' })
      .then('end', {})
      .build();

  async function messagesByWamid(waMessageId: string) {
    return (await s.stack.dataSource.query(
      `SELECT "conversationId", content FROM messages WHERE "waMessageId" = $1`,
      [waMessageId],
    )) as { conversationId: string | null; content: { text: string } }[];
  }

  /** One notification carrying `messages` in order, as Meta batches them. */
  function batchOf(phoneNumberId: string, messages: { from: string; id: string; text: string }[]) {
    type Notification = { entry: { changes: { value: { messages: unknown[] } }[] }[] };
    const [first, ...rest] = messages.map(
      (message) =>
        buildTextMessageWebhook({
          phoneNumberId,
          ...message,
          profileName: 'Dana',
        }) as unknown as Notification,
    );
    for (const other of rest) {
      first.entry[0].changes[0].value.messages.push(...other.entry[0].changes[0].value.messages);
    }
    return first;
  }

  test('a bad message before a good one: 200, both stored and signalled in order, the bad text cleaned and not logged', async () => {
    const leadFlow = await s.seedFlow(tenant, twoQuestionFlow());
    const phone = randomPhone();
    const lead = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
      body: { phone, name: 'Dana' },
      token: tenant.apiToken,
    });
    assert.equal(lead.status, 200, JSON.stringify(lead.body));
    await waitFor(() => s.stack.messagesTo(phone).length === 1, 10_000, 'the lead template');

    const badId = makeInboundWaMessageId();
    const goodId = makeInboundWaMessageId();
    const mark = s.logLines.length;
    const response = await s.postWhatsAppWebhook(
      batchOf(tenant.phoneNumberId, [
        { from: phone.slice(1), id: badId, text: 'secret-marker\u0000\ud800' },
        { from: phone.slice(1), id: goodId, text: 'fine' },
      ]),
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));

    const [good] = await messagesByWamid(goodId);
    assert.ok(good?.conversationId, 'the good message is stored in the conversation');
    const [bad] = await messagesByWamid(badId);
    assert.equal(bad?.content.text, 'secret-marker\ufffd\ufffd');
    const done = await waitFor(() => s.stack.messagesTo(phone)[1], 10_000, 'the closing message');
    assert.deepEqual(done.body.text, {
      body: 'Got secret-marker\ufffd\ufffd then fine',
      preview_url: false,
    });

    const logged = s.logLines.slice(mark).join('');
    assert.match(logged, /entry\.0\.changes\.0\.value\.messages\.0\.text\.body/);
    assert.doesNotMatch(logged, /secret-marker/);
    assert.deepEqual(errorLogsSince(mark), []);
  });

  test('a message whose run cannot be reached does not keep the next one from being stored', async () => {
    const stuckPhone = randomPhone();
    const conversationId = await seedConversation(s.stack.dataSource, tenant, {
      phone: stuckPhone,
      status: 'active',
    });
    await s.stack.dataSource.query(`UPDATE conversations SET "workflowId" = $2 WHERE id = $1`, [
      conversationId,
      `conversation-missing-${conversationId}`,
    ]);
    const otherPhone = randomPhone();
    const stuckId = makeInboundWaMessageId();
    const nextId = makeInboundWaMessageId();
    const response = await s.postWhatsAppWebhook(
      batchOf(tenant.phoneNumberId, [
        { from: stuckPhone.slice(1), id: stuckId, text: 'stuck' },
        { from: otherPhone.slice(1), id: nextId, text: 'next' },
      ]),
    );
    assert.equal(response.status, 503, 'Meta must redeliver the unreachable one');
    assert.equal((await messagesByWamid(stuckId)).length, 1, 'stored before signalling');
    const [next] = await messagesByWamid(nextId);
    assert.ok(next?.conversationId, 'the next message of the batch is stored');
  });
});

/** Sends one raw HTTP/1.1 request (fetch refuses TRACE and CONNECT) and reads the whole answer. */
function sendRaw(requestLine: string): Promise<{ status: number; headers: string; body: string }> {
  const port = new URL(s.baseUrl).port;
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () =>
      socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${requestLine}`)));
    socket.on('close', () => {
      const [head, ...body] = answer.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? -1);
      resolve({ status, headers: head, body: body.join('\r\n\r\n') });
    });
  });
}

describe('HTTP methods no route knows', () => {
  for (const [requestLine, status, allow] of [
    ['TRACE /api/flows HTTP/1.1', 405, /^Allow: .*GET.*POST/im],
    ['PROPFIND /api/flows HTTP/1.1', 405, /^Allow: .*GET.*POST/im],
    ['LINK /api/auth/login HTTP/1.1', 405, /^Allow: POST\r?$/im],
    ['PATCH /api/auth/login HTTP/1.1', 405, /^Allow: POST\r?$/im],
    ['TRACE /api/nothing-here HTTP/1.1', 404, null],
    ['GET /api/nothing-here HTTP/1.1', 404, null],
    ['CONNECT /api/flows HTTP/1.1', 405, null],
    ['CONNECT example.com:443 HTTP/1.1', 405, null],
    ['FOO /api/flows HTTP/1.1', 400, null],
  ] as const) {
    test(`${requestLine} → ${status} {"error"}${allow ? ' with Allow' : ''}, nothing logged as an error`, async () => {
      const mark = s.logLines.length;
      const answer = await sendRaw(requestLine);
      assert.equal(answer.status, status, `${answer.headers}\n\n${answer.body}`);
      assert.match(answer.headers, /^Content-Type: application\/json/im);
      assert.equal(typeof (JSON.parse(answer.body) as { error?: unknown }).error, 'string');
      if (allow) assert.match(answer.headers, allow);
      assert.deepEqual(errorLogsSince(mark), []);
    });
  }
});

describe('JSON nesting', () => {
  /** `{"k":{"k":…1…}}`, `levels` objects deep, as raw text (building it would overflow this stack). */
  const nested = (levels: number) => `${'{"k":'.repeat(levels)}1${'}'.repeat(levels)}`;

  test('a drawflowData nested 5,000 levels deep is a 400, not a stack overflow', async () => {
    const created = await s.request('POST', '/api/flows', {
      body: { name: 'deep' },
      token: tenant.sessionToken,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const flowId = (created.body as { id: string }).id;
    // A valid graph with one extra member: the engine ignores it, so only its depth can refuse it.
    const graph = JSON.stringify(flow().start().then('end', {}).build());
    const drawflowData = `{"deep":${nested(5_000)},${graph.slice(1)}`;
    for (const [method, path] of [
      ['PUT', `/api/flows/${flowId}`],
      ['PATCH', `/api/flows/${flowId}`],
      ['POST', '/api/flows'],
      ['POST', '/api/auth/login'],
    ]) {
      const mark = s.logLines.length;
      const response = await s.request(method, path, {
        body: `{"name":"deep","drawflowData":${drawflowData}}`,
        token: tenant.sessionToken,
      });
      assertErrorBody(response, 400, /nested more than 64 levels deep/);
      assert.deepEqual(errorLogsSince(mark), []);
    }
  });

  test('64 levels are accepted, 65 are not', async () => {
    // body → templates → template → buttons → button is 5 levels; the button's value adds the rest.
    const group = (levels: number) =>
      `{"name":"g","templates":[{"name":"t","language":"en","bodyParamCount":0,"buttons":[{"k":${nested(levels - 5)}}]}]}`;
    const ok = await s.request('POST', '/api/template-groups', {
      body: group(64),
      token: tenant.sessionToken,
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const deep = await s.request('POST', '/api/template-groups', {
      body: group(65),
      token: tenant.sessionToken,
    });
    assertErrorBody(deep, 400, /nested more than 64 levels deep/);
  });
});
