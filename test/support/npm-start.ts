/**
 * The real `npm start` as a user runs it — npm, its shell, the app, the embedded PostgreSQL and the
 * Temporal dev server — started in a process group of its own on free ports, with what the stop
 * tests need: every process of its tree (read from /proc, so PostgreSQL's and Temporal's own process
 * groups are found too), its log as messages, and a SIGKILL of all of it for `after` hooks.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../../platform/embedded-postgres';
import { REPO_ROOT, sleep } from './child-service';
import { isRunning, listProcesses, signalQuietly } from './process-table';

/** One process of the tree, as /proc showed it. */
export interface TreeProcess {
  pid: number;
  command: string;
}

/** A running `npm start`. */
export interface NpmStart {
  /** npm's pid, which is also the id of the process group npm started in. */
  pid: number;
  apiUrl: string;
  /** The processes under npm now (npm itself included). */
  tree(): TreeProcess[];
  /** The `msg` of every JSON log line so far, in order. */
  messages(): string[];
  /** The log as written (for failure messages). */
  log(): string;
  /** SIGKILLs npm's group and every process ever seen in its tree; for `after` hooks. */
  kill(): void;
}

/** Starts `npm start` with DATA_DIR under `directory` and waits until it logs "FlowBot is running". */
export async function startNpmStart(directory: string, env: Record<string, string>): Promise<NpmStart> {
  const [port, temporalPort, temporalUiPort] = [
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
  ];
  const logFile = path.join(directory, `npm-start-${Date.now()}.log`);
  const out = fs.openSync(logFile, 'a');
  const { TEMPORAL_ADDRESS: _temporal, DATABASE_URL: _database, ...inherited } = process.env;
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    // Its own group, as in a terminal: a group signal is what Ctrl-C and `kill -TERM -<pgid>` send.
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...inherited,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATA_DIR: path.join(directory, 'data'),
      PORT: String(port),
      TEMPORAL_DEV_SERVER_PORT: String(temporalPort),
      TEMPORAL_DEV_SERVER_UI_PORT: String(temporalUiPort),
      ...env,
    },
  });
  fs.closeSync(out);
  const pid = child.pid as number;
  const seen = new Map<number, TreeProcess>();
  const tree = () => {
    const processes = listDescendants(pid);
    processes.forEach((entry) => seen.set(entry.pid, entry));
    return processes;
  };
  const log = () => fs.readFileSync(logFile, 'utf8');
  const started: NpmStart = {
    pid,
    apiUrl: `http://127.0.0.1:${port}`,
    tree,
    log,
    messages: () => parseMessages(log()),
    kill: () => {
      tree();
      signalQuietly(-pid, 'SIGKILL');
      for (const { pid: each } of seen.values()) signalQuietly(each, 'SIGKILL');
    },
  };
  const deadline = Date.now() + 120_000;
  while (!started.messages().includes('FlowBot is running')) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      started.kill();
      throw new Error(`npm start did not come up; log tail:\n${log().slice(-3000)}`);
    }
    await sleep(200);
  }
  tree();
  return started;
}

/** The processes in `processes` that are still running (zombies count as gone), after waiting up to `timeoutMs`. */
export async function waitUntilGone(processes: TreeProcess[], timeoutMs: number): Promise<TreeProcess[]> {
  const deadline = Date.now() + timeoutMs;
  let left = processes.filter(({ pid }) => isRunning(pid));
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = left.filter(({ pid }) => isRunning(pid));
  }
  return left;
}

/** `root` and every process below it, found by walking parent pids. */
function listDescendants(root: number): TreeProcess[] {
  const all = listProcesses();
  const found = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of all) {
      if (!found.has(entry.pid) && found.has(entry.ppid)) {
        found.add(entry.pid);
        grew = true;
      }
    }
  }
  return all.filter(({ pid }) => found.has(pid)).map(({ pid, command }) => ({ pid, command }));
}

function parseMessages(log: string): string[] {
  return log.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      const { msg } = JSON.parse(line) as { msg?: unknown };
      return typeof msg === 'string' ? [msg] : [];
    } catch {
      return [];
    }
  });
}
