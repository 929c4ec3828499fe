/**
 * How a FlowBot process (`npm start`, `npm run api`, `npm run worker`) answers stop signals
 * (platform/shutdown.ts), on a small process whose one part takes `STOP_MS` to stop: one stop per
 * run however often SIGTERM is relayed, a second Ctrl-C from a person forces the exit, and a stop
 * that outlasts its deadline is cut short with a log line saying what had not stopped.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { it } from 'node:test';
import { REPO_ROOT, sleep } from '../support/child-service';

const PROCESS = `
const { createLogger } = require('./platform/logger.ts');
const { stopOnSignals } = require('./platform/shutdown.ts');
const { StopSequence } = require('./platform/stop-sequence.ts');
const logger = createLogger();
const parts = new StopSequence(logger);
parts.add('slow part', () => new Promise((resolve) => setTimeout(resolve, Number(process.env.STOP_MS))));
stopOnSignals(logger, parts, { timeoutMs: Number(process.env.TIMEOUT_MS) });
setInterval(() => undefined, 1000);
logger.info('ready');
`;

interface Outcome {
  code: number | null;
  messages: string[];
}

/** Runs the process, sends `signals` (each after its delay in ms), and resolves with how it ended. */
async function runAndSignal(
  env: { STOP_MS: number; TIMEOUT_MS: number },
  signals: [number, NodeJS.Signals][],
): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', PROCESS], {
    cwd: REPO_ROOT,
    env: { ...process.env, STOP_MS: String(env.STOP_MS), TIMEOUT_MS: String(env.TIMEOUT_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  let output = '';
  child.stdout.setEncoding('utf8');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('"msg":"ready"')) resolve();
    }),
  );
  for (const [delay, signal] of signals) {
    await sleep(delay);
    child.kill(signal);
  }
  const code = await exited;
  clearTimeout(killer);
  const messages = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg: string }).msg);
  return { code, messages };
}

const cases: {
  name: string;
  env: { STOP_MS: number; TIMEOUT_MS: number };
  signals: [number, NodeJS.Signals][];
  expected: Outcome;
}[] = [
  {
    name: 'stops once, however often SIGTERM is relayed, and exits 0',
    env: { STOP_MS: 1500, TIMEOUT_MS: 10_000 },
    signals: [
      [0, 'SIGTERM'],
      [20, 'SIGTERM'],
      [1200, 'SIGTERM'],
    ],
    expected: {
      code: 0,
      messages: ['ready', 'stopping', 'already stopping', 'already stopping', 'slow part stopped', 'stopped'],
    },
  },
  {
    name: 'treats a Ctrl-C reaching it twice at once as one, and a second Ctrl-C later as "exit now" (130)',
    env: { STOP_MS: 5000, TIMEOUT_MS: 10_000 },
    signals: [
      [0, 'SIGINT'],
      [20, 'SIGINT'],
      [1200, 'SIGINT'],
    ],
    expected: {
      code: 130,
      messages: ['ready', 'stopping', 'already stopping', 'second Ctrl-C while stopping: exiting now'],
    },
  },
  {
    name: 'exits 1 at the stop deadline, naming what had not stopped',
    env: { STOP_MS: 5000, TIMEOUT_MS: 500 },
    signals: [[0, 'SIGTERM']],
    expected: { code: 1, messages: ['ready', 'stopping', 'stop deadline passed: killing what is left'] },
  },
];

for (const { name, env, signals, expected } of cases) {
  it(name, async () => assert.deepEqual(await runAndSignal(env, signals), expected));
}
