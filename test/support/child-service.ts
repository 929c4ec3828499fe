/**
 * One FlowBot process (API or worker) run as a child of the test or benchmark, with its
 * output appended to a log file so a failed run can be read afterwards. A child process — not an
 * in-process server — is what lets the fault suite SIGKILL it and the benchmarks profile it alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root: children run with it as cwd so `--import tsx` resolves. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** How to start one child. */
export interface ChildServiceSpec {
  /** Short name used in log file names and errors (`api`, `worker-1`). */
  name: string;
  /** Node arguments before the script, e.g. `['--cpu-prof']`. */
  nodeArgs?: string[];
  /** Script relative to the repository root, run through tsx. */
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  /** File the child's stdout and stderr are appended to. */
  logFile: string;
}

/** A running child. */
export interface ChildService {
  name: string;
  process: ChildProcess;
  pid: number;
  logFile: string;
  /** Resolves with the exit code or signal once the child is gone. */
  exited: Promise<string>;
  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<string>;
}

/** Starts `spec.script` with `node --import tsx`; output goes to `spec.logFile`. */
export function startChildService(spec: ChildServiceSpec): ChildService {
  fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
  // A file descriptor instead of pipes: a busy child never blocks on a parent that stopped reading.
  const out = fs.openSync(spec.logFile, 'a');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...(spec.nodeArgs ?? []), spec.script, ...(spec.args ?? [])],
    { cwd: REPO_ROOT, env: spec.env, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
  );
  liveChildren.add(child);
  void exited.then(() => liveChildren.delete(child));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<string> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const how = await exited;
    clearTimeout(timer);
    return how;
  };
  return { name: spec.name, process: child, pid: child.pid ?? -1, logFile: spec.logFile, exited, stop };
}

const liveChildren = new Set<ChildProcess>();
// A crashed test must not leave a worker polling or an API holding a port.
process.on('exit', () => liveChildren.forEach((child) => child.kill('SIGKILL')));

/**
 * Waits until `logFile` contains a line matching `pattern`, failing early when the child exits.
 * Reads the file again on each poll: the logs are small and this keeps no watcher open.
 */
export async function waitForLogLine(
  service: ChildService,
  pattern: RegExp,
  timeoutMs = 60_000,
  fromOffset = 0,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: string | undefined;
  void service.exited.then((how) => (gone = how));
  while (Date.now() < deadline) {
    const text = readFrom(service.logFile, fromOffset);
    if (pattern.test(text)) return;
    if (gone !== undefined) {
      throw new Error(`${service.name} exited (${gone}) before ready; log tail:\n${text.slice(-2000)}`);
    }
    await sleep(100);
  }
  throw new Error(
    `${service.name} not ready after ${timeoutMs} ms; log tail:\n${readFrom(service.logFile, fromOffset).slice(-2000)}`,
  );
}

/** Size of a log file now, so a restarted child's readiness is looked for after this point. */
export function logSize(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

function readFrom(file: string, offset: number): string {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file).subarray(offset).toString('utf8');
}

/** Promise-based delay. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
