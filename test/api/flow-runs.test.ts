import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { conversationSearchAttributes, customerMessageSignal } from '../../workflows/definitions';
import { startApiHarness, type ApiHarness, type CreatedUser } from '../support/api-harness';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { createTemporalTestEnv } from '../support/temporal-env';

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let api: ApiHarness;
/** A second API on the same database, configured with a Temporal Web UI (trailing slash on purpose). */
let apiWithWebUi: ApiHarness;
let alice: CreatedUser;
let aliceCookie: string;

before(async () => {
  [env, database] = await Promise.all([createTemporalTestEnv({ timeSkipping: false }), startTestDatabase()]);
  api = await startApiHarness({ temporalClient: env.client, database });
  apiWithWebUi = await startApiHarness({
    temporalClient: env.client,
    database,
    env: { TEMPORAL_WEB_UI_URL: 'http://temporal-ui.example:8080/' },
  });
  alice = await api.createUser();
  aliceCookie = await api.login(alice.user.username, alice.password);
});
after(async () => {
  await apiWithWebUi?.stop();
  await api?.stop();
  await database?.stop();
  await env?.teardown();
});

type Json = Record<string, unknown>;

/** Starts a run tagged with the flow's id on a queue no worker polls: its history stays readable. */
async function startRun(flowId: string, workflowId = `conversation-${randomUUID()}`) {
  return await env.client.workflow.start('conversationWorkflow', {
    taskQueue: 'api-test-no-worker',
    workflowId,
    args: [{ conversationId: 'c-1', flowId, note: 'hello' }],
    typedSearchAttributes: [{ key: conversationSearchAttributes.flowId, value: flowId }],
    staticSummary: 'Flow "Test flow" for lead (conversation c-1)',
  });
}

test("GET /api/flows/{id}/runs lists the flow's runs and only them", async () => {
  const flow = await api.seedFlow(alice.user.id);
  const other = await api.seedFlow(alice.user.id);
  const first = await startRun(flow.id);
  const second = await startRun(flow.id);
  await startRun(other.id);

  const response = await api.request(`/api/flows/${flow.id}/runs`, { cookie: aliceCookie });
  assert.equal(response.status, 200);
  const runs = (await response.json()) as Json[];
  assert.deepEqual(runs.map((run) => run.workflowId).sort(), [first.workflowId, second.workflowId].sort());
  for (const run of runs) {
    assert.deepEqual(Object.keys(run).sort(), [
      'closeTime',
      'historyLength',
      'runId',
      'startTime',
      'status',
      'type',
      'workflowId',
    ]);
    assert.equal(run.type, 'conversationWorkflow');
    assert.equal(run.status, 'RUNNING');
  }
  const limited = (await (
    await api.request(`/api/flows/${flow.id}/runs?limit=1`, { cookie: aliceCookie })
  ).json()) as Json[];
  assert.equal(limited.length, 1);
  const bad = await api.request(`/api/flows/${flow.id}/runs?limit=0`, { cookie: aliceCookie });
  assert.equal(bad.status, 400);
});

test('GET …/runs/{workflowId}/{runId}/history returns readable events with decoded payloads', async () => {
  const flow = await api.seedFlow(alice.user.id);
  const handle = await startRun(flow.id);
  await handle.signal(customerMessageSignal, { waMessageId: 'wamid.1', type: 'text', text: 'Hi', sentAt: 1 });
  const response = await api.request(
    `/api/flows/${flow.id}/runs/${handle.workflowId}/${handle.firstExecutionRunId}/history`,
    {
      cookie: aliceCookie,
    },
  );
  assert.equal(response.status, 200);
  const body = (await response.json()) as { workflowId: string; runId: string; events: Json[] };
  assert.equal(body.workflowId, handle.workflowId);
  const types = body.events.map((event) => event.eventType);
  assert.equal(types[0], 'WorkflowExecutionStarted');
  assert.ok(types.includes('WorkflowExecutionSignaled'), types.join());
  const started = body.events[0];
  assert.equal(started.eventId, 1);
  assert.match(started.eventTime as string, /^\d{4}-\d\d-\d\dT/);
  const details = started.details as { input: unknown[]; workflowType: { name: string } };
  assert.deepEqual(details.input, [{ conversationId: 'c-1', flowId: flow.id, note: 'hello' }]);
  assert.equal(details.workflowType.name, 'conversationWorkflow');
  assert.equal(started.summary, 'Flow "Test flow" for lead (conversation c-1)');
  const signaled = body.events.find((event) => event.eventType === 'WorkflowExecutionSignaled')!;
  assert.deepEqual((signaled.details as { input: unknown[] }).input, [
    { waMessageId: 'wamid.1', type: 'text', text: 'Hi', sentAt: 1 },
  ]);
  assert.equal(signaled.summary, null);
});

test("history of another flow's run, an unknown run, or another tenant's flow is a 404", async () => {
  const flow = await api.seedFlow(alice.user.id);
  const other = await api.seedFlow(alice.user.id);
  const handle = await startRun(other.id);
  const path = (flowId: string, workflowId: string, runId: string) =>
    `/api/flows/${flowId}/runs/${workflowId}/${runId}/history`;
  const wrongFlow = await api.request(path(flow.id, handle.workflowId, handle.firstExecutionRunId), {
    cookie: aliceCookie,
  });
  assert.equal(wrongFlow.status, 404);
  const unknown = await api.request(path(flow.id, 'conversation-nope', randomUUID()), {
    cookie: aliceCookie,
  });
  assert.equal(unknown.status, 404);
  const malformedRunId = await api.request(path(other.id, handle.workflowId, 'not-a-run-id'), {
    cookie: aliceCookie,
  });
  assert.ok([404].includes(malformedRunId.status), String(malformedRunId.status));

  const bob = await api.createUser();
  const bobCookie = await api.login(bob.user.username, bob.password);
  const foreign = await api.request(path(other.id, handle.workflowId, handle.firstExecutionRunId), {
    cookie: bobCookie,
  });
  assert.equal(foreign.status, 404);
  assert.equal((await api.request(`/api/flows/${other.id}/runs`, { cookie: bobCookie })).status, 404);
});

test("the history links the run's page in the Temporal Web UI when TEMPORAL_WEB_UI_URL is set, else null", async () => {
  const flow = await api.seedFlow(alice.user.id);
  // A workflow id with characters a URL path must escape (ids are free text in Temporal).
  const handle = await startRun(flow.id, `conversation-${randomUUID()} a/b?c#d`);
  const path = `/api/flows/${flow.id}/runs/${encodeURIComponent(handle.workflowId)}/${handle.firstExecutionRunId}/history`;

  const linked = await apiWithWebUi.request(path, {
    cookie: await apiWithWebUi.login(alice.user.username, alice.password),
  });
  assert.equal(linked.status, 200);
  const body = (await linked.json()) as { workflowId: string; webUiUrl: string | null };
  assert.equal(body.workflowId, handle.workflowId);
  assert.equal(
    body.webUiUrl,
    `http://temporal-ui.example:8080/namespaces/default/workflows/${encodeURIComponent(handle.workflowId)}/${handle.firstExecutionRunId}/history`,
  );
  assert.match(body.webUiUrl!, /\/conversation-[0-9a-f-]{36}%20a%2Fb%3Fc%23d\//);

  const unlinked = await api.request(path, { cookie: aliceCookie });
  assert.equal(unlinked.status, 200);
  assert.equal(((await unlinked.json()) as { webUiUrl: string | null }).webUiUrl, null);
});
