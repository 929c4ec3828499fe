/**
 * `node --import tsx bench/simulator-speed.ts [--runs=200]`: how long `POST /api/flows/{id}/simulate`
 * takes for the case — a flow that waits three days, with a window expiry — through real HTTP
 * and PostgreSQL (the flow row is read per request), and the engine part alone (simulateFlow in this
 * process). Prints a Markdown table for bench/results/simulator.md.
 */
import { loadavg } from 'node:os';
import { simulateFlow } from '../api/simulator/simulate-flow';
import { startApiHarness } from '../test/support/api-harness';
import { reminderFlow } from '../test/simulator/reminder-flow';
import { compileFlow } from '../workflows/engine';
import { summarizeLatencies } from './stats';

const runs = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 200);
const script = [{ wait: '+2h' }, { customer: 'Friday 10am' }, { wait: '+3d' }];

async function main(): Promise<void> {
  const api = await startApiHarness();
  try {
    const user = await api.createUser({ approved: true });
    const cookie = await api.login(user.user.username, user.password);
    const created = await api.request('/api/flows', {
      method: 'POST',
      cookie,
      json: { name: 'Reminder', drawflowData: reminderFlow().build() },
    });
    const { id } = (await created.json()) as { id: string };
    const body = { startAt: '2026-11-30T09:00:00Z', variables: { name: 'Dana' }, script };

    const http: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const response = await api.request(`/api/flows/${id}/simulate`, { method: 'POST', cookie, json: body });
      const transcript = (await response.json()) as { outcome: { reason: string } };
      http.push(performance.now() - started);
      if (transcript.outcome.reason !== 'went_quiet')
        throw new Error(`unexpected ${JSON.stringify(transcript)}`);
    }

    const graph = compileFlow(reminderFlow().build()).graph;
    if (!graph) throw new Error('the reminder flow does not compile');
    const engine: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      simulateFlow({
        graph,
        trigger: 'lead',
        startAt: Date.parse(body.startAt),
        variables: body.variables,
        script,
        answers: {},
      });
      engine.push(performance.now() - started);
    }

    const row = (name: string, samples: number[]) => {
      const { p50, p99, max } = summarizeLatencies(samples);
      return `| ${name} | ${runs} | ${p50} | ${p99} | ${max} |`;
    };
    console.log(
      `load average at the end: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    console.log('| 3 virtual days, window expiry | runs | p50 ms | p99 ms | max ms |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(row('HTTP round trip (API + PostgreSQL)', http));
    console.log(row('simulateFlow alone', engine));
  } finally {
    await api.stop();
  }
}

void main();
