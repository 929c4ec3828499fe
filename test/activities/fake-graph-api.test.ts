/** The fake Graph API's non-obvious behaviour: fault sequencing, hangs, the ambiguous accept, validation. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { graphErrors, startFakeGraphApi, type FakeGraphApi } from '../support/fake-graph-api';

const textBody = { messaging_product: 'whatsapp', to: '4915112345678', type: 'text', text: { body: 'hi' } };

describe('fake Graph API', () => {
  let graph: FakeGraphApi;
  const post = (body: unknown, init: { token?: string; signal?: AbortSignal } = {}) =>
    fetch(`${graph.baseUrl}/v21.0/1234567890/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${init.token ?? 'good-token'}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: init.signal,
    });

  before(async () => {
    graph = await startFakeGraphApi({ accessTokens: ['good-token'] });
  });
  after(() => graph.stop());
  beforeEach(() => {
    graph.clearFailures();
    graph.reset();
  });

  it('accepts a valid message and answers like Graph', async () => {
    const response = await post(textBody);
    assert.equal(response.status, 200);
    const json = (await response.json()) as { messages: { id: string }[]; contacts: { wa_id: string }[] };
    assert.match(json.messages[0].id, /^wamid\./);
    assert.equal(json.contacts[0].wa_id, '4915112345678');
    assert.deepEqual(
      graph.sentMessages().map((m) => [m.phoneNumberId, m.to, m.waMessageId]),
      [['1234567890', '4915112345678', json.messages[0].id]],
    );
  });

  it('rejects a wrong token with 401 code 190 and a malformed body with a precise 400', async () => {
    const unauthorized = await post(textBody, { token: 'stolen' });
    assert.equal(unauthorized.status, 401);
    assert.equal(((await unauthorized.json()) as { error: { code: number } }).error.code, 190);

    const tooManyButtons = {
      ...textBody,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Pick' },
        action: {
          buttons: ['a', 'b', 'c', 'd'].map((id) => ({ type: 'reply', reply: { id, title: id } })),
        },
      },
    };
    const invalid = await post(tooManyButtons);
    assert.equal(invalid.status, 400);
    const error = ((await invalid.json()) as { error: { message: string; code: number } }).error;
    assert.equal(error.code, 100);
    assert.match(error.message, /buttons must hold 1 to 3/);
    assert.equal(graph.sentMessages().length, 0);
  });

  it('fails exactly the next n requests, then serves normally', async () => {
    graph.failNext(2, graphErrors.windowClosed);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(textBody)).status);
    assert.deepEqual(statuses, [400, 400, 200]);
    assert.deepEqual(
      graph.requests.map((r) => r.waMessageId !== null),
      [false, false, true],
    );
  });

  it('a timeout hangs without sending; accepted-then-timeout counts as sent but never answers', async () => {
    graph.failNext(1, 'timeout');
    await assert.rejects(post(textBody, { signal: AbortSignal.timeout(100) }), { name: 'TimeoutError' });
    assert.equal(graph.sentMessages().length, 0);

    graph.failNext(1, 'accepted-then-timeout');
    await assert.rejects(post(textBody, { signal: AbortSignal.timeout(100) }), { name: 'TimeoutError' });
    assert.equal(graph.sentMessages().length, 1);
    assert.equal(graph.requests[1].status, 0);
  });

  it('flags identical sends as duplicates', async () => {
    await post(textBody);
    await post({ ...textBody, text: { body: 'other' } });
    await post(textBody);
    assert.deepEqual(
      graph.findDuplicateSends().map((m) => m.body.text),
      [{ body: 'hi' }],
    );
  });

  // Its speed is measured where speed belongs, by the benchmarks that load it (bench/); here only that
  // a burst of concurrent sends is answered and recorded in full.
  it('answers and records 2,000 sends arriving 100 at a time', async () => {
    const total = 2000;
    for (let batch = 0; batch < total / 100; batch += 1) {
      await Promise.all(Array.from({ length: 100 }, () => post(textBody)));
    }
    assert.equal(graph.sentMessages().length, total);
  });
});
