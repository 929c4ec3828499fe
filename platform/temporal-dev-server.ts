import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { searchAttributeNames } from '../workflows/definitions';
import { findFreePort } from './embedded-postgres';
import { killGroup, spawnTethered } from './spawn-tethered';
import { resolveTemporalBinary } from './temporal-binaries';
import { waitForTemporal } from './wait-for-temporal';

/** Options of {@link startTemporalDevServer}. */
export interface TemporalDevServerOptions {
  /** SQLite file that keeps runs across restarts; in memory when omitted. */
  dbFilename?: string;
  /** Frontend gRPC port on 127.0.0.1 (a free one when omitted). */
  port?: number;
  /** Web UI port; no UI (headless) when omitted. */
  uiPort?: number;
  /** Namespaces created besides `default`. */
  namespaces?: string[];
  /** The server's own log (warnings and errors); discarded when omitted. */
  logFile?: string;
  /** Give up when the server has not answered within this time (default 60 s). */
  startTimeoutMs?: number;
}

/** A dev server this process started. */
export interface TemporalDevServer {
  /** host:port of the frontend. */
  address: string;
  /** URL of the Temporal Web UI, when started with one. */
  uiUrl?: string;
  pid: number;
  /** The server version it reported, e.g. `1.31.2`. */
  serverVersion: string;
  /** SIGTERM, then SIGKILL after 10 s. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Dynamic config for the dev server, `key=value` as its flag takes it. Eager activity dispatch is off
 * by default on the server; it saves a matching round trip per activity (each of our flow steps is
 * one). Eager workflow start (the first workflow task in the start response, for `npm start`'s
 * API and worker sharing a connection) is stated too: its default has differed between versions. Production's file, deploy/temporal/dynamicconfig.yaml, sets the same values
 * (test/foundation/production-config.test.ts keeps them equal).
 */
export const DEV_SERVER_DYNAMIC_CONFIG = [
  'system.enableActivityEagerExecution=true',
  'system.enableEagerWorkflowStart=true',
];

/**
 * Starts the official Temporal dev server (`temporal server start-dev`: the real server in one
 * process, SQLite, optional Web UI) with FlowBot's search attributes registered, and resolves once
 * it answers — however long that takes on a busy machine, up to `startTimeoutMs`. A server that
 * exits or stays silent is stopped and reported with the tail of its output.
 */
export async function startTemporalDevServer(
  options: TemporalDevServerOptions = {},
): Promise<TemporalDevServer> {
  const executable = await resolveTemporalBinary('cli');
  const port = options.port ?? (await findFreePort());
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--log-level',
    'warn',
    ...(options.uiPort === undefined
      ? ['--headless']
      : ['--ui-port', String(options.uiPort), '--ui-disable-news-fetch']),
    ...Object.values(searchAttributeNames).flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
    ...DEV_SERVER_DYNAMIC_CONFIG.flatMap((value) => ['--dynamic-config-value', value]),
    ...(options.namespaces ?? []).flatMap((namespace) => ['--namespace', namespace]),
  ];
  if (options.dbFilename) {
    fs.mkdirSync(path.dirname(options.dbFilename), { recursive: true });
    // WAL + synchronous=NORMAL: durable across a crash of the process, several times faster than the default.
    args.push('--db-filename', options.dbFilename);
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  const child = spawnLogged(executable, args, options.logFile);
  const address = `127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    const { serverVersion } = await waitForTemporal(address, {
      child,
      timeoutMs: options.startTimeoutMs ?? 60_000,
      describe: () => `Temporal dev server (${executable} ${args.join(' ')})${logTail(options.logFile)}`,
    });
    return {
      address,
      uiUrl: options.uiPort === undefined ? undefined : `http://127.0.0.1:${options.uiPort}`,
      pid: child.pid as number,
      serverVersion,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Spawns `executable` with stdout and stderr appended to `logFile` (or discarded), in `env` (ours by
 * default), in a process group of its own and tethered to this process (see {@link spawnTethered}): a
 * signal to our group reaches only us, so we stop the worker before the server; if we die without
 * stopping it, it stops too.
 */
export function spawnLogged(
  executable: string,
  args: string[],
  logFile?: string,
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess {
  let out: number | 'ignore' = 'ignore';
  if (logFile) {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    out = fs.openSync(logFile, 'a');
  }
  const child = spawnTethered(executable, args, { orphanSignal: 'SIGTERM', output: [out, out], env });
  if (typeof out === 'number') fs.closeSync(out);
  liveServers.add(child);
  child.once('exit', () => liveServers.delete(child));
  return child;
}

/** SIGTERM, SIGKILL after `graceMs`; resolves when the process is gone. */
export function stopper(child: ChildProcess, graceMs = 10_000): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
}

const liveServers = new Set<ChildProcess>();
// A last resort for exits that skip stop(): a leaked server would hold its ports.
process.on('exit', () => liveServers.forEach((child) => killGroup(child, 'SIGKILL')));

/** `; log tail: …` with the end of `logFile`, for error messages; empty when there is no log. */
export function logTail(logFile: string | undefined): string {
  if (!logFile || !fs.existsSync(logFile)) return '';
  return `; log tail: ${fs.readFileSync(logFile, 'utf8').slice(-1500).trim()}`;
}
