/**
 * A campaign to 100,000 recipients on the fake Graph API, with the faults it must survive: the
 * worker SIGKILLed, the Temporal server SIGKILLed and restarted on its state file, and a pause and
 * resume through the API. Reports recipients/s achieved against the configured pace, peak worker
 * RSS, time until sending resumed after each fault, duplicates and misses, and how long the
 * campaign's totals (GROUP BY over its recipients) take at this size. Meta's `sent` status
 * notifications are echoed for every accepted message, as Meta sends them (they carry the send key
 * that recognises a send whose answer died with its worker). Not part of `npm test`.
 *
 *   npx tsx bench/campaign-100k.ts [--recipients=100000] [--pace=300] [--out=bench/results/campaign-100k.md]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../platform/embedded-postgres';
import { startTemporalDevServer, type TemporalDevServer } from '../platform/temporal-dev-server';
import { sleep } from '../test/support/child-service';
import { startProcessStack } from '../test/support/process-stack';
import { waitUntil } from '../test/support/stack-driver';
import {
  callApi,
  echoSentStatuses,
  judgeSends,
  readRssMb,
  scenarioSends,
  seedCampaignScenario,
  startScenarioCampaign,
  type CampaignScenario,
} from '../test/faults/campaign-scenario';
import { readFlag } from './command-line';
import { describeMachine } from './machine';

const recipients = Number(readFlag('recipients') ?? '100000');
const pace = Number(readFlag('pace') ?? '300');
const out = readFlag('out') ?? path.join(__dirname, 'results', 'campaign-100k.md');

async function main(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-campaign-100k-'));
  const port = await findFreePort();
  const dbFilename = path.join(folder, 'temporal.db');
  const startServer = () =>
    startTemporalDevServer({ dbFilename, port, logFile: path.join(folder, 'temporal.log') });
  let server: TemporalDevServer = await startServer();
  const stack = await startProcessStack({
    temporalAddress: server.address,
    env: { WHATSAPP_MESSAGES_PER_SECOND: '1000' },
  });
  const lines: string[] = [];
  const note = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  let peakRssMb = 0;
  let stopEcho: () => Promise<void> = async () => undefined;
  const sampler = setInterval(() => {
    for (const worker of stack.workers) peakRssMb = Math.max(peakRssMb, readRssMb(worker.pid));
  }, 500);
  try {
    const seededAt = Date.now();
    const scenario = await seedCampaignScenario(stack, recipients);
    note(`- seeded ${recipients} contacts in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);
    stopEcho = echoSentStatuses(scenario);
    const id = await startScenarioCampaign(scenario, pace);
    const startedAt = Date.now();
    const sent = () => scenarioSends(scenario).length;
    const reach = async (share: number) => {
      if (!(await waitUntil(() => sent() >= recipients * share, 3_600_000, 200))) throw new Error('stalled');
    };
    const resumeAfter = async (fault: string, act: () => Promise<void>) => {
      const before = sent();
      const at = Date.now();
      await act();
      await waitUntil(() => sent() > before, 600_000, 20);
      note(
        `- ${fault} at ${before} sent (${((at - startedAt) / 1000).toFixed(1)} s): sending again after ${((Date.now() - at) / 1000).toFixed(1)} s`,
      );
    };

    await reach(0.25);
    await resumeAfter('worker SIGKILL (new worker started 0.5 s later)', async () => {
      await stack.workers[0].stop('SIGKILL');
      await sleep(500);
      await stack.startWorker();
    });

    await reach(0.5);
    await resumeAfter('Temporal server SIGKILL (restarted on its state file 1 s later)', async () => {
      process.kill(server.pid, 'SIGKILL');
      await server.stop();
      await sleep(1_000);
      server = await startServer();
    });

    await reach(0.7);
    await callApi(scenario, 'POST', `/api/campaigns/${id}/pause`);
    const pausedAt = Date.now();
    await sleep(3_000);
    const atPause = sent();
    await sleep(5_000);
    note(`- paused: ${sent() - atPause} sends in the 5 s after the in-flight batch ended (expected 0)`);
    const pausedFor = Date.now() - pausedAt;
    await resumeAfter('resume after pause', async () => {
      await callApi(scenario, 'POST', `/api/campaigns/${id}/resume`);
    });

    const completed = await waitUntil(
      async () => (await callApi(scenario, 'GET', `/api/campaigns/${id}`)).status === 'completed',
      3_600_000,
      1_000,
    );
    const elapsed = (Date.now() - startedAt) / 1000;
    const { duplicates, missed, sent: total } = judgeSends(scenario);
    for (const phone of duplicates.slice(0, 10)) {
      const times = scenario.stack.graph.requests
        .filter((request) => request.waMessageId && request.to?.replace(/^\+/, '') === phone.slice(1))
        .map((request) => ((request.receivedAt - startedAt) / 1000).toFixed(1));
      note(`  - duplicate to ${phone}: copies at ${times.join(', ')} s`);
    }
    note(
      `- completed: ${completed}; ${total} sends, ${duplicates.length} duplicates, ${missed.length} missed`,
    );
    note(
      `- ${recipients} recipients in ${elapsed.toFixed(0)} s wall (${(elapsed - pausedFor / 1000).toFixed(0)} s without the pause): ` +
        `${(recipients / (elapsed - pausedFor / 1000)).toFixed(0)} recipients/s against a configured ${pace}/s`,
    );
    const rates = steadyRates(scenario);
    note(`- steady rate (10 s windows, faults excluded): median ${rates.median}/s, max ${rates.max}/s`);
    note(`- peak worker RSS: ${peakRssMb.toFixed(0)} MB`);
    await timeTotals(scenario, id, note);
  } finally {
    clearInterval(sampler);
    await stopEcho();
    await stack.stop();
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const machine = describeMachine();
  fs.writeFileSync(
    out,
    `# Campaign to ${recipients} recipients at ${pace}/s\n\n` +
      `\`npx tsx bench/campaign-100k.ts --recipients=${recipients} --pace=${pace}\` on ${JSON.stringify(machine)}\n\n` +
      `${lines.join('\n')}\n`,
  );
}

/** Sends per 10-second window, leaving out windows with fewer than half the median (faults, pause). */
function steadyRates(scenario: CampaignScenario): { median: number; max: number } {
  const times = scenario.stack.graph.requests
    .filter((request) => request.waMessageId && request.phoneNumberId === scenario.phoneNumberId)
    .map((request) => request.receivedAt);
  const first = Math.min(...times);
  const windows = new Map<number, number>();
  for (const at of times) {
    const window = Math.floor((at - first) / 10_000);
    windows.set(window, (windows.get(window) ?? 0) + 1);
  }
  const full = [...windows].filter(([window]) => window < windows.size - 1).map(([, count]) => count / 10);
  full.sort((a, b) => a - b);
  const median = full[Math.floor(full.length / 2)] ?? 0;
  return { median: Math.round(median), max: Math.round(full[full.length - 1] ?? 0) };
}

/** Times the campaign's totals: the GROUP BY alone, and GET /api/campaigns/{id} as a caller sees it. */
async function timeTotals(
  scenario: CampaignScenario,
  id: string,
  note: (line: string) => void,
): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const at = performance.now();
    await scenario.stack.dataSource.query(
      `SELECT status, count(*)::int FROM campaign_recipients WHERE "campaignId" = $1 GROUP BY status`,
      [id],
    );
    samples.push(performance.now() - at);
  }
  const api: number[] = [];
  for (let i = 0; i < 5; i++) {
    const at = performance.now();
    await callApi(scenario, 'GET', `/api/campaigns/${id}`);
    api.push(performance.now() - at);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(1);
  note(
    `- totals at ${scenario.phones.size} recipients: GROUP BY ${median(samples)} ms, GET /api/campaigns/{id} ${median(api)} ms (medians of 5)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
