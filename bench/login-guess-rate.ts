/**
 * `node --import tsx bench/login-guess-rate.ts [--seconds=60]`: how many password guesses the login
 * limits let through in one window, through real HTTP with the shipped budgets. Each scenario gets
 * its own API (own limiter; one shared embedded PostgreSQL) behind a simulated proxy
 * (TRUST_PROXY=true, the client address in X-Forwarded-For), fires bursts of concurrent wrong logins
 * for the whole window and counts what was checked (401) and what was refused (429).
 */
import { startApiHarness, type ApiHarness } from '../test/support/api-harness';
import { startTestDatabase } from '../test/support/database';

interface Scenario {
  name: string;
  /** Username and client address of the i-th attempt. */
  attempt(i: number): { username: string; address: string };
}

const BURST = 20;
const BURST_EVERY_MS = 1_000;

const SCENARIOS: Scenario[] = [
  { name: 'one username, one address', attempt: () => ({ username: 'victim', address: '198.51.100.1' }) },
  {
    name: 'many usernames, one address (spraying)',
    attempt: (i) => ({ username: `user-${i}`, address: '198.51.100.2' }),
  },
  {
    name: 'one username, a new address each time',
    attempt: (i) => ({ username: 'victim', address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }),
  },
];

async function runScenario(api: ApiHarness, scenario: Scenario, windowMs: number) {
  const counts: Record<number, number> = {};
  const pending: Promise<void>[] = [];
  const started = Date.now();
  let i = 0;
  while (Date.now() - started < windowMs) {
    for (let n = 0; n < BURST; n += 1) {
      const { username, address } = scenario.attempt(i);
      i += 1;
      pending.push(
        api
          .request('/api/auth/login', {
            method: 'POST',
            json: { username, password: 'wrong-guess' },
            headers: { 'X-Forwarded-For': address },
          })
          .then(async (response) => {
            await response.arrayBuffer();
            counts[response.status] = (counts[response.status] ?? 0) + 1;
          }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, BURST_EVERY_MS));
  }
  await Promise.all(pending);
  return { scenario: scenario.name, attempts: i, checked401: counts[401] ?? 0, refused429: counts[429] ?? 0 };
}

async function main(): Promise<void> {
  const seconds = Number(process.argv.find((arg) => arg.startsWith('--seconds='))?.slice(10) ?? 60);
  const database = await startTestDatabase();
  const apis: ApiHarness[] = [];
  try {
    for (const _ of SCENARIOS) {
      apis.push(
        await startApiHarness({
          database: { ...database, stop: async () => undefined },
          env: { TRUST_PROXY: 'true', LOG_LEVEL: 'silent' },
        }),
      );
    }
    await apis[0].createUser({ username: 'victim' });
    const rows = await Promise.all(SCENARIOS.map((s, k) => runScenario(apis[k], s, seconds * 1000)));
    console.log(`| scenario (${seconds} s window) | attempts | checked (401) | refused (429) |`);
    console.log('| --- | --- | --- | --- |');
    for (const row of rows) {
      console.log(`| ${row.scenario} | ${row.attempts} | ${row.checked401} | ${row.refused429} |`);
    }
  } finally {
    await Promise.all(apis.map((api) => api.stop()));
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
