/**
 * Flow revisions on the real stack (PostgreSQL, Temporal dev server, worker, fake Graph API, HTTP):
 * activation publishes, a conversation keeps the revision it started on through an edit, rollback
 * publishes an old graph again, the diff names what changed, and only the owner (or an admin) sees
 * any of it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { flow } from '../support/flow-builder';
import { waitFor } from '../support/full-stack';
import { buildTextMessageWebhook } from '../support/whatsapp-webhook-payloads';
import { startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;
let stranger: Caller;
let admin: Caller;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  stranger = await s.seedCaller();
  admin = await s.seedCaller({ role: 'admin' });
});

after(() => s?.stop());

/** A lead flow: its template, a question, then `thanks` (with the answer) and the end. */
function leadFlow(thanks: string) {
  return flow()
    .start()
    .then('template', { name: 'lead_welcome', language: 'en', bodyParams: ['{{name}}'] })
    .then('question', { variable: 'answer', validation: 'text', timeoutMinutes: 1440 })
    .then('message', { text: `${thanks} {{answer}}` })
    .then('end', {})
    .build();
}

const V1 = 'Version one, you said';
const V2 = 'Version two, you said';

async function createFlow(caller: Caller, drawflowData: unknown): Promise<string> {
  const created = await s.request('POST', '/api/flows', {
    body: { name: 'Revisions', drawflowData, whatsappAccountId: caller.accountId },
    token: caller.apiToken,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}

/** Sends a lead and waits until its run has sent the opening template (it then waits at the question). */
async function startLead(flowId: string): Promise<{ conversationId: string; phone: string }> {
  const phone = randomPhone();
  const response = await s.request('POST', `/api/webhook/flow/${flowId}/lead`, {
    body: { phone, name: 'John' },
    token: owner.apiToken,
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  await waitFor(() => s.stack.messagesTo(phone)[0], 15_000, 'the lead template');
  return { conversationId: response.body.conversationId, phone };
}

/** The customer answers the question; resolves with the text the flow thanks them with. */
async function answer(phone: string, text: string): Promise<string> {
  const response = await s.postWhatsAppWebhook(
    buildTextMessageWebhook({ phoneNumberId: owner.phoneNumberId, from: phone.slice(1), text }),
  );
  assert.equal(response.status, 200);
  const thanks = await waitFor(
    () => s.stack.messagesTo(phone).find((message) => message.type === 'text'),
    15_000,
    'the thank-you text',
  );
  assert.ok(thanks);
  return (thanks.body.text as { body: string }).body;
}

async function conversationRevision(conversationId: string): Promise<number | null> {
  const detail = await s.request('GET', `/api/conversations/${conversationId}`, { token: owner.apiToken });
  assert.equal(detail.status, 200);
  const [row]: { flowRevision: number | null }[] = await s.stack.dataSource.query(
    `SELECT "flowRevision" FROM conversations WHERE id = $1`,
    [conversationId],
  );
  assert.equal(detail.body.flowRevision, row.flowRevision, 'the API says what the row says');
  return detail.body.flowRevision;
}

describe('publishing, pinning and rollback', () => {
  let flowId: string;
  let pinned: { conversationId: string; phone: string };

  test('activation publishes revision 1; activating it again publishes nothing', async () => {
    flowId = await createFlow(owner, leadFlow(V1));
    const draft = await s.request('GET', `/api/flows/${flowId}/revisions`, { token: owner.apiToken });
    assert.deepEqual(draft.body, [], 'a draft has published nothing');

    for (let i = 0; i < 2; i++) {
      const activated = await s.request('POST', `/api/flows/${flowId}/activate`, { token: owner.apiToken });
      assert.equal(activated.status, 200);
      assert.equal(activated.body.publishedRevision, 1);
    }
    const list = await s.request('GET', `/api/flows/${flowId}/revisions`, { token: owner.apiToken });
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 1);
    const [first] = list.body;
    assert.equal(first.number, 1);
    assert.equal(first.current, true);
    assert.equal(first.authorUserId, owner.userId);
    assert.equal(first.rolledBackFrom, null);
    assert.equal(first.nodeCount, 5);
    assert.equal(first.problemCount, 0);
    assert.ok(!('drawflowData' in first), 'the list leaves the graph out');
  });

  test(
    'a conversation waiting at its question keeps revision 1 after an edit publishes revision 2; new ones run 2',
    { timeout: 90_000 },
    async () => {
      pinned = await startLead(flowId);
      assert.equal(await conversationRevision(pinned.conversationId), 1);

      const edited = await s.request('PUT', `/api/flows/${flowId}`, {
        body: { drawflowData: leadFlow(V2) },
        token: owner.apiToken,
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(edited.body.publishedRevision, 2, 'an edit of an active flow publishes at once');
      const reactivated = await s.request('POST', `/api/flows/${flowId}/activate`, { token: owner.apiToken });
      assert.equal(reactivated.body.publishedRevision, 2, 'activating the published graph adds nothing');

      assert.equal(
        await answer(pinned.phone, 'blue'),
        `${V1} blue`,
        'the running conversation answers per revision 1',
      );
      assert.equal(await conversationRevision(pinned.conversationId), 1);

      const fresh = await startLead(flowId);
      assert.equal(await conversationRevision(fresh.conversationId), 2);
      assert.equal(await answer(fresh.phone, 'green'), `${V2} green`);
    },
  );

  test('analytics count each conversation under the revision it ran', { timeout: 30_000 }, async () => {
    const startedUnder = async (revision: number) => {
      const analytics = await s.request('GET', `/api/flows/${flowId}/analytics?revision=${revision}`, {
        token: owner.apiToken,
      });
      assert.equal(analytics.status, 200, JSON.stringify(analytics.body));
      return analytics.body.conversations.started as number;
    };
    // The pinned conversation ran revision 1, the fresh one revision 2.
    await waitFor(
      async () => (await startedUnder(1)) === 1 && (await startedUnder(2)) === 1,
      15_000,
      'analytics',
    );
  });

  test('the simulator plays a published revision when asked, the draft otherwise', async () => {
    const script = { variables: { name: 'Dana' }, script: [{ customer: 'pink' }] };
    const texts = async (body: object) => {
      const simulated = await s.request('POST', `/api/flows/${flowId}/simulate`, {
        body,
        token: owner.apiToken,
      });
      assert.equal(simulated.status, 200, JSON.stringify(simulated.body));
      const messages = simulated.body.steps.flatMap(
        (step: { messages: { text: string }[] }) => step.messages,
      );
      return { revision: simulated.body.revision, last: messages.at(-1)?.text };
    };
    assert.deepEqual(await texts({ ...script, revision: 1 }), { revision: 1, last: `${V1} pink` });
    assert.deepEqual(await texts(script), { revision: null, last: `${V2} pink` });
    const missing = await s.request('POST', `/api/flows/${flowId}/simulate`, {
      body: { ...script, revision: 9 },
      token: owner.apiToken,
    });
    assert.deepEqual(missing.body, { error: `Flow ${flowId} has no revision 9` });
  });

  test('the diff of revision 2 names the changed text, old and new', async () => {
    const diff = await s.request('GET', `/api/flows/${flowId}/revisions/2/diff`, { token: owner.apiToken });
    assert.equal(diff.status, 200, JSON.stringify(diff.body));
    assert.deepEqual(diff.body, {
      number: 2,
      against: 1,
      nodes: {
        added: [],
        removed: [],
        changed: [
          {
            nodeId: '4',
            type: 'message',
            fields: [{ field: 'text', old: `${V1} {{answer}}`, new: `${V2} {{answer}}` }],
          },
        ],
      },
      connections: { added: [], removed: [] },
    });
    const first = await s.request('GET', `/api/flows/${flowId}/revisions/1/diff`, { token: owner.apiToken });
    assert.equal(first.body.against, null);
    assert.equal(first.body.nodes.added.length, 5, 'revision 1 is compared with nothing');
  });

  test(
    'rollback to 1 publishes revision 3 with its graph; new conversations run it, a second rollback adds nothing',
    { timeout: 90_000 },
    async () => {
      const archived = await s.request('POST', `/api/flows/${flowId}/archive`, { token: owner.apiToken });
      assert.equal(archived.body.status, 'archived');

      const rolledBack = await s.request('POST', `/api/flows/${flowId}/revisions/1/rollback`, {
        token: owner.apiToken,
      });
      assert.equal(rolledBack.status, 201, JSON.stringify(rolledBack.body));
      assert.equal(rolledBack.body.number, 3);
      assert.equal(rolledBack.body.rolledBackFrom, 1);
      assert.equal(rolledBack.body.current, true);
      assert.equal(rolledBack.body.authorUserId, owner.userId);
      const one = await s.request('GET', `/api/flows/${flowId}/revisions/1`, { token: owner.apiToken });
      assert.deepEqual(rolledBack.body.drawflowData, one.body.drawflowData);
      assert.deepEqual(rolledBack.body.problems, []);

      const stored = await s.request('GET', `/api/flows/${flowId}`, { token: owner.apiToken });
      assert.equal(stored.body.status, 'active', 'rollback activates an archived flow');
      assert.equal(stored.body.publishedRevision, 3);
      assert.deepEqual(stored.body.drawflowData, leadFlow(V1));

      const fresh = await startLead(flowId);
      assert.equal(await conversationRevision(fresh.conversationId), 3);
      assert.equal(await answer(fresh.phone, 'red'), `${V1} red`);

      const again = await s.request('POST', `/api/flows/${flowId}/revisions/1/rollback`, {
        token: owner.apiToken,
      });
      assert.equal(again.status, 200, 'the latest revision holds that graph already');
      assert.equal(again.body.number, 3);
      const list = await s.request('GET', `/api/flows/${flowId}/revisions`, { token: owner.apiToken });
      assert.deepEqual(
        list.body.map((revision: { number: number; current: boolean; rolledBackFrom: number | null }) => [
          revision.number,
          revision.current,
          revision.rolledBackFrom,
        ]),
        [
          [3, true, 1],
          [2, false, null],
          [1, false, null],
        ],
      );
      const unchanged = await s.request('GET', `/api/flows/${flowId}/revisions/3/diff?against=1`, {
        token: owner.apiToken,
      });
      assert.deepEqual(unchanged.body.nodes, { added: [], removed: [], changed: [] });
    },
  );
});

describe('edits, old flows and refusals', () => {
  test('an edit of a draft publishes nothing until activation', async () => {
    const flowId = await createFlow(owner, leadFlow(V1));
    const edited = await s.request('PATCH', `/api/flows/${flowId}`, {
      body: { drawflowData: leadFlow(V2) },
      token: owner.apiToken,
    });
    assert.equal(edited.body.publishedRevision, null);
    await s.request('POST', `/api/flows/${flowId}/activate`, { token: owner.apiToken });
    const list = await s.request('GET', `/api/flows/${flowId}/revisions`, { token: owner.apiToken });
    assert.equal(list.body.length, 1);
    const revision = await s.request('GET', `/api/flows/${flowId}/revisions/1`, { token: owner.apiToken });
    assert.deepEqual(revision.body.drawflowData, leadFlow(V2));
  });

  test(
    'a flow active before revisions publishes revision 1 (no author) when it is first started',
    { timeout: 60_000 },
    async () => {
      const { flowId } = await s.seedFlow(owner, leadFlow(V1));
      const lead = await startLead(flowId);
      assert.equal(await conversationRevision(lead.conversationId), 1);
      const list = await s.request('GET', `/api/flows/${flowId}/revisions`, { token: owner.apiToken });
      assert.equal(list.body.length, 1);
      assert.equal(list.body[0].authorUserId, null);
      assert.equal(list.body[0].current, true);
    },
  );

  test('rollback to a graph that no longer validates is refused (422 listing problems) and changes nothing', async () => {
    const flowId = await createFlow(owner, leadFlow(V1));
    // A revision published before the loop_without_wait rule: two messages sending to each other.
    const looping = flow()
      .start()
      .then('message', { text: 'ping' }, { as: 'ping' })
      .then('message', { text: 'pong' })
      .to('ping')
      .build();
    await s.stack.dataSource.query(
      `INSERT INTO flow_revisions ("flowId", number, "authorUserId", "drawflowData") VALUES ($1, 1, $2, $3::jsonb)`,
      [flowId, owner.userId, JSON.stringify(looping)],
    );
    const refused = await s.request('POST', `/api/flows/${flowId}/revisions/1/rollback`, {
      token: owner.apiToken,
    });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error, 'Flow graph is invalid');
    assert.ok(
      refused.body.problems.some((problem: { code: string }) => problem.code === 'loop_without_wait'),
      JSON.stringify(refused.body.problems),
    );
    const stored = await s.request('GET', `/api/flows/${flowId}`, { token: owner.apiToken });
    assert.equal(stored.body.status, 'draft');
    assert.equal(stored.body.publishedRevision, null);
    const list = await s.request('GET', `/api/flows/${flowId}/revisions`, { token: owner.apiToken });
    assert.equal(list.body.length, 1);
  });

  test('another user’s flow is 404 on every revision route; an admin may read it', async () => {
    const flowId = await createFlow(owner, leadFlow(V1));
    await s.request('POST', `/api/flows/${flowId}/activate`, { token: owner.apiToken });
    for (const [method, path] of [
      ['GET', `/api/flows/${flowId}/revisions`],
      ['GET', `/api/flows/${flowId}/revisions/1`],
      ['GET', `/api/flows/${flowId}/revisions/1/diff`],
      ['POST', `/api/flows/${flowId}/revisions/1/rollback`],
    ]) {
      const response = await s.request(method, path, { token: stranger.apiToken });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.deepEqual(response.body, { error: 'Flow not found' });
    }
    const byAdmin = await s.request('GET', `/api/flows/${flowId}/revisions/1`, { token: admin.sessionToken });
    assert.equal(byAdmin.status, 200);
    assert.equal(byAdmin.body.authorName, owner.username);
  });

  test('bad and unknown revision numbers: 400 and 404 with an error; revisions cannot be changed', async () => {
    const flowId = await createFlow(owner, leadFlow(V1));
    await s.request('POST', `/api/flows/${flowId}/activate`, { token: owner.apiToken });
    for (const path of [
      `/api/flows/${flowId}/revisions/abc`,
      `/api/flows/${flowId}/revisions/0`,
      `/api/flows/${flowId}/revisions/-1`,
      `/api/flows/${flowId}/revisions/1.5`,
      `/api/flows/${flowId}/revisions/1/diff?against=none`,
    ]) {
      const response = await s.request('GET', path, { token: owner.apiToken });
      assert.equal(response.status, 400, path);
      assert.match(response.body.error, /must be a revision number/);
    }
    for (const path of [
      `/api/flows/${flowId}/revisions/2`,
      `/api/flows/${flowId}/revisions/1/diff?against=7`,
      `/api/flows/00000000-0000-4000-8000-000000000000/revisions`,
    ]) {
      const response = await s.request('GET', path, { token: owner.apiToken });
      assert.equal(response.status, 404, path);
      assert.equal(typeof response.body.error, 'string');
    }
    const rollbackMissing = await s.request('POST', `/api/flows/${flowId}/revisions/9/rollback`, {
      token: owner.apiToken,
    });
    assert.deepEqual(rollbackMissing.body, { error: `Flow ${flowId} has no revision 9` });
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await s.request(method, `/api/flows/${flowId}/revisions/1`, { token: owner.apiToken });
      assert.equal(response.status, 405, method);
    }
  });

  test('deleting a flow deletes its revisions', async () => {
    const flowId = await createFlow(owner, leadFlow(V1));
    await s.request('POST', `/api/flows/${flowId}/activate`, { token: owner.apiToken });
    const deleted = await s.request('DELETE', `/api/flows/${flowId}`, { token: owner.apiToken });
    assert.equal(deleted.status, 204);
    const rows = await s.stack.dataSource.query(`SELECT 1 FROM flow_revisions WHERE "flowId" = $1`, [flowId]);
    assert.deepEqual(rows, []);
  });
});
