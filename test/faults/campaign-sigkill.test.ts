/**
 * SIGKILL the worker (a separate process) in the middle of a campaign, start a new one, and check
 * that every recipient got the template exactly once: the batch resumes from its last heartbeat and
 * the send key of each recipient stops a second send. A send Graph accepted in the instant of the
 * kill, its answer never recorded, is recognised by Meta's `sent` status echoing the send key (the
 * test echoes it as Meta does) before its claim's lease runs out, so it is not sent again either.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sleep } from '../support/child-service';
import { startProcessStack, type ProcessStack } from '../support/process-stack';
import { waitUntil } from '../support/stack-driver';
import {
  callApi,
  echoSentStatuses,
  judgeSends,
  scenarioSends,
  seedCampaignScenario,
  startScenarioCampaign,
} from './campaign-scenario';

const RECIPIENTS = 600;
const PACE = 100;

let stack: ProcessStack;
before(async () => {
  stack = await startProcessStack({ env: { WHATSAPP_MESSAGES_PER_SECOND: '1000' } });
});
after(() => stack?.stop());

test(
  `SIGKILL of the worker during a ${RECIPIENTS}-recipient campaign loses and repeats nothing`,
  { timeout: 300_000 },
  async (t) => {
    const scenario = await seedCampaignScenario(stack, RECIPIENTS);
    const stopEcho = echoSentStatuses(scenario);
    t.after(stopEcho);
    const id = await startScenarioCampaign(scenario, PACE);
    assert.ok(
      await waitUntil(() => scenarioSends(scenario).length >= RECIPIENTS / 3, 60_000),
      'sending never started',
    );

    const [victim] = stack.workers;
    const killedAt = Date.now();
    await victim.stop('SIGKILL');
    const sentAtKill = scenarioSends(scenario).length;
    await sleep(500);
    await stack.startWorker();
    assert.ok(
      await waitUntil(() => scenarioSends(scenario).length > sentAtKill, 60_000),
      'nothing was sent after the restart',
    );
    t.diagnostic(
      `killed after ${sentAtKill}/${RECIPIENTS}; sending again ${Date.now() - killedAt} ms after the kill`,
    );

    assert.ok(
      await waitUntil(
        async () => (await callApi(scenario, 'GET', `/api/campaigns/${id}`)).status === 'completed',
        120_000,
        250,
      ),
      'the campaign did not complete',
    );
    const { duplicates, missed } = judgeSends(scenario);
    assert.deepEqual(missed, []);
    assert.equal(duplicates.length, 0, `duplicates: ${duplicates.join(', ')}`);
    const campaign = await callApi(scenario, 'GET', `/api/campaigns/${id}`);
    assert.equal(campaign.totals.total, RECIPIENTS);
    assert.equal(campaign.totals.queued, 0);
  },
);
