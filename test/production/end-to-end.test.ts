/**
 * One conversation on the production topology, the way a customer and an agent live it: a lead
 * through API 1 sends the opening template, the customer's signed webhook reply through API 2 takes
 * the flow's "agent" branch, an agent answers through the reply route, the customer's last answer
 * ends the flow. The run is then read back through FlowBot's run-history API and found in Temporal's
 * visibility store (PostgreSQL) by our search attributes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { DEPLOY_TEMPORAL_DIR } from '../../production/temporal-cluster';
import { buildOrReuseTemporalServer } from '../../production/temporal-server-build';
import { hashCustomerPhone } from '../support/full-stack';
import { flow } from '../support/flow-builder';
import { SEEDED_TEMPLATE, seedFlowForAccount } from '../support/seed-tenant';
import {
  nextCustomerPhone,
  phoneDigits,
  postCustomerText,
  postLead,
  waitUntil,
} from '../support/stack-driver';
import { startProductionStack, type ProductionStack } from './production-stack';

const AGENT_BRANCH = 'An agent will write to you here.';
const OTHER_BRANCH = 'Alright, goodbye.';
const GOODBYE = 'Thanks for talking to us.';

/** template → answer → "agent" in it? → tell them → (agent writes) → answer → goodbye → end. */
function buildAgentFlow(): Record<string, unknown> {
  return flow()
    .start()
    .then('template', { ...SEEDED_TEMPLATE, bodyParams: ['{{name}}'] })
    .then('question', { variable: 'wish', validation: 'text', timeoutMinutes: 1440 })
    .then(
      'condition',
      { rules: [{ variable: 'wish', operator: 'contains', value: 'agent' }] },
      { as: 'route' },
    )
    .then('message', { text: AGENT_BRANCH })
    .then('question', { variable: 'after_agent', validation: 'text', timeoutMinutes: 1440 })
    .then('message', { text: GOODBYE })
    .then('end', {})
    .at('route', 'else')
    .then('message', { text: OTHER_BRANCH })
    .then('end', {})
    .build() as unknown as Record<string, unknown>;
}

let production: ProductionStack;
before(async () => {
  production = await startProductionStack({ apis: 2 });
});
after(() => production?.stop());

test(
  'lead → template → webhook reply → agent branch → agent reply → end, visible in run history and Temporal visibility',
  { timeout: 300_000 },
  async (t) => {
    const { stack, tenant, token } = production.fault;
    t.diagnostic(
      `Temporal ${production.cluster.serverVersion} at ${production.cluster.address}; start-up ms ${JSON.stringify(production.cluster.timings)}`,
    );
    const [api1, api2] = stack.apiUrls;
    const flowId = await seedFlowForAccount(
      stack.dataSource,
      tenant,
      tenant.accounts[0].id,
      stack.secrets.dataEncryptionKey,
      buildAgentFlow(),
    );
    const phone = nextCustomerPhone();
    const texts = () =>
      stack.graph
        .sentMessages()
        .filter((message) => message.to === phoneDigits(phone))
        .map((message) =>
          message.type === 'template'
            ? `template ${String((message.body.template as { name: string }).name)}`
            : String((message.body.text as { body: string }).body),
        );
    const customerSays = async (apiUrl: string, text: string) => {
      const status = await postCustomerText(
        { ...stack, apiUrl },
        { phoneNumberId: tenant.accounts[0].phoneNumberId, from: phone, text },
      );
      assert.equal(status, 200);
    };
    const waitForTexts = async (expected: string[]) => {
      await waitUntil(() => texts().length >= expected.length, 60_000);
      assert.deepEqual(texts(), expected);
    };

    const lead = await postLead(api1, token, flowId, { phone, name: 'Dana' });
    assert.equal(lead.status, 200, JSON.stringify(lead.body));
    const conversationId = String((lead.body as { conversationId: string }).conversationId);
    await waitForTexts([`template ${SEEDED_TEMPLATE.name}`]);

    await customerSays(api2, 'I would like to talk to an agent');
    await waitForTexts([`template ${SEEDED_TEMPLATE.name}`, AGENT_BRANCH]);

    const reply = await fetch(`${api2}/api/conversations/${conversationId}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ messageType: 'text', text: 'Hello Dana, agent Kim here.' }),
    });
    assert.equal(reply.status, 200, await reply.clone().text());
    assert.equal(((await reply.json()) as { success: boolean }).success, true);
    await waitForTexts([`template ${SEEDED_TEMPLATE.name}`, AGENT_BRANCH, 'Hello Dana, agent Kim here.']);

    await customerSays(api1, 'Thank you, that helped');
    await waitForTexts([
      `template ${SEEDED_TEMPLATE.name}`,
      AGENT_BRANCH,
      'Hello Dana, agent Kim here.',
      GOODBYE,
    ]);
    const completed = await waitUntil(async () => {
      const rows: { status: string }[] = await stack.dataSource.query(
        `SELECT status FROM conversations WHERE id = $1`,
        [conversationId],
      );
      return rows[0]?.status === 'completed';
    }, 60_000);
    assert.ok(completed, 'the conversation never reached its end');

    // FlowBot's run-history API, through the other API process. The list reads Temporal's visibility
    // store, which the server updates shortly after the run closes: wait (bounded) for the close.
    type Run = { workflowId: string; runId: string; status: string; type: string };
    let conversationRuns: Run[] = [];
    await waitUntil(async () => {
      const runsResponse = await fetch(`${api1}/api/flows/${flowId}/runs`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(runsResponse.status, 200);
      const runs = (await runsResponse.json()) as Run[];
      conversationRuns = runs.filter((run) => run.type === 'conversationWorkflow');
      return conversationRuns.length === 1 && conversationRuns[0].status === 'COMPLETED';
    }, 30_000);
    assert.deepEqual(
      conversationRuns.map((run) => [run.workflowId, run.status]),
      [[`conversation-${conversationId}`, 'COMPLETED']],
    );
    const [run] = conversationRuns;
    const historyResponse = await fetch(
      `${api2}/api/flows/${flowId}/runs/${run.workflowId}/${run.runId}/history`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    assert.equal(historyResponse.status, 200);
    const { events } = (await historyResponse.json()) as { events: { eventType: string }[] };
    const types = events.map((event) => event.eventType);
    assert.equal(types[0], 'WorkflowExecutionStarted');
    assert.equal(types.at(-1), 'WorkflowExecutionCompleted');
    assert.equal(
      types.filter((type) => type === 'WorkflowExecutionSignaled').length,
      2,
      'the two customer messages',
    );

    // Temporal's visibility store (PostgreSQL), queried by each of our search attributes.
    const queries = [
      `FlowId = "${flowId}" AND ConversationId = "${conversationId}"`,
      `CustomerPhoneHash = "${hashCustomerPhone(phone)}" AND TriggerSource = "lead"`,
    ];
    for (const query of queries) {
      const found = [];
      for await (const execution of stack.temporal.workflow.list({ query })) found.push(execution);
      assert.deepEqual(
        found.map((execution) => [execution.workflowId, execution.runId, execution.status.name]),
        [[run.workflowId, run.runId, 'COMPLETED']],
        query,
      );
    }
  },
);

test('the server knows every key of the shared dynamic config (a misspelt key would be ignored silently)', () => {
  const { server } = buildOrReuseTemporalServer();
  const check = spawnSync(
    server,
    ['validate-dynamic-config', path.join(DEPLOY_TEMPORAL_DIR, 'dynamicconfig.yaml')],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(check.status, 0, check.stderr);
  assert.doesNotMatch(check.stdout + check.stderr, /warning|error/i);
});

test('the schema and namespace scripts run again on a cluster they set up (compose re-runs them on every up)', async () => {
  await production.cluster.runSetupScriptsAgain();
});
