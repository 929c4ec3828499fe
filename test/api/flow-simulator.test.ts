import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Conversation } from '../../entities/conversation';
import { Message } from '../../entities/message';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { flow } from '../support/flow-builder';
import { reminderFlow } from '../simulator/reminder-flow';

let api: ApiHarness;
let aliceCookie: string;
let bobCookie: string;

before(async () => {
  api = await startApiHarness();
  const alice = await api.createUser({ approved: true });
  const bob = await api.createUser();
  aliceCookie = await api.login(alice.user.username, alice.password);
  bobCookie = await api.login(bob.user.username, bob.password);
});
after(() => api?.stop());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(
  path: string,
  json?: unknown,
  cookie = aliceCookie,
): Promise<{ status: number; body: Json }> {
  const response = await api.request(path, { method: json === undefined ? 'GET' : 'POST', cookie, json });
  return { status: response.status, body: (await response.json()) as Json };
}

async function createFlow(drawflowData: unknown): Promise<string> {
  const created = await call('/api/flows', { name: 'Reminder', drawflowData });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id as string;
}

describe('POST /api/flows/{id}/simulate', () => {
  test('plays three virtual days of a draft flow and returns the transcript, storing nothing', async () => {
    const flowId = await createFlow(reminderFlow().build());
    const simulated = await call(`/api/flows/${flowId}/simulate`, {
      startAt: '2026-11-30T09:00:00Z',
      variables: { name: 'Dana' },
      script: [{ wait: '+2h' }, { customer: 'Friday 10am' }, { wait: '+3d' }],
    });
    assert.equal(simulated.status, 200, JSON.stringify(simulated.body));
    const { body } = simulated;
    assert.equal(body.flowId, flowId);
    assert.equal(body.revision, null);
    assert.deepEqual(
      body.steps.map((step: Json) => [step.at, step.messages.map((message: Json) => message.text)]),
      [
        ['2026-11-30T09:00:00.000Z', ['[template appointment_reminder] Dana']],
        ['2026-11-30T11:00:00.000Z', ['Thanks Dana, see you Friday 10am.', 'Anything else?']],
        ['2026-12-01T11:00:00.000Z', ['[template we_missed_you]']],
      ],
    );
    assert.deepEqual(body.steps[1].window, { open: true, closesAt: '2026-12-01T11:00:00.000Z' });
    assert.deepEqual(body.outcome, {
      status: 'failed',
      reason: 'went_quiet',
      nodeId: '8',
      at: '2026-12-01T11:00:00.000Z',
    });
    assert.equal(body.endedAt, '2026-12-03T11:00:00.000Z');
    assert.equal(await api.dataSource.getRepository(Conversation).count(), 0);
    assert.equal(await api.dataSource.getRepository(Message).count(), 0);
  });

  test('a flow that cannot run for the trigger: 422 with every problem and its path', async () => {
    // A lead must open with a template: a question with a prompt first is refused for leads.
    const flowId = await createFlow(
      flow()
        .start()
        .then('question', { prompt: 'Hi! Your name?', variable: 'name', validation: 'text' })
        .build(),
    );
    const refused = await call(`/api/flows/${flowId}/simulate`, { trigger: 'lead', script: [] });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error, 'Flow graph is invalid');
    assert.equal(refused.body.problems[0].code, 'opening_template_required');
    assert.match(refused.body.problems[0].path, /^nodes\./);
    const inbound = await call(`/api/flows/${flowId}/simulate`, {
      trigger: 'inbound',
      script: [{ customer: 'hi' }],
    });
    assert.equal(inbound.status, 200, 'the same flow runs when the customer writes first');
    assert.deepEqual(
      inbound.body.steps[0].messages.map((message: Json) => message.text),
      ['Hi! Your name?'],
    );
  });

  test('bad scripts are refused with a readable error', async () => {
    const flowId = await createFlow(reminderFlow().build());
    const badWait = await call(`/api/flows/${flowId}/simulate`, { script: [{ wait: 'tomorrow' }] });
    assert.equal(badWait.status, 400);
    assert.match(badWait.body.error, /not a delay/);
    const badChoice = await call(`/api/flows/${flowId}/simulate`, { script: [{ choose: 'Yes' }] });
    assert.equal(badChoice.status, 422);
    assert.match(badChoice.body.error, /no button or list row "Yes"/);
    const outbound = await call(`/api/flows/${flowId}/simulate`, { trigger: 'outbound', script: [] });
    assert.equal(outbound.status, 422);
    assert.match(outbound.body.error, /openingTemplate/);
  });

  test("another tenant's flow is 404", async () => {
    const flowId = await createFlow(reminderFlow().build());
    const foreign = await call(`/api/flows/${flowId}/simulate`, { script: [] }, bobCookie);
    assert.equal(foreign.status, 404);
  });
});
