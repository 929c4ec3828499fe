import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** Options of {@link spawnTethered}: spawn's options (stdin is taken) and the tether's signal. */
export interface TetheredSpawnOptions extends Omit<SpawnOptions, 'detached' | 'stdio'> {
  /** What the server gets when this process dies without stopping it (its graceful stop signal). */
  orphanSignal: NodeJS.Signals;
  /** stdout and stderr, as in spawn's `stdio` (stdin is the tether). */
  output: [TetheredOutput, TetheredOutput];
}

/** Where the server's stdout or stderr goes: nowhere, a pipe to us, or an open file descriptor. */
export type TetheredOutput = 'ignore' | 'pipe' | number;

/**
 * The server is exec'd by `sh` (it keeps the pid spawn reports, so signals and exit codes are its
 * own) after `sh` has forked a watcher that blocks reading our end of the stdin pipe. When this
 * process dies, even by SIGKILL, the kernel closes that pipe, and the watcher sends the server
 * `orphanSignal`. The watcher's output goes nowhere so it never holds the server's log or pipes open.
 */
const TETHER = [
  'signal=$1; shift',
  'exec 3<&0 </dev/null',
  '(while read -r _ <&3; do :; done; kill -s "$signal" $$) >/dev/null 2>&1 &',
  'exec "$@" 3<&-',
].join('\n');

/**
 * Spawns a server (PostgreSQL, the Temporal dev server) in a process group of its own, tethered to
 * this process:
 *
 * - a signal sent to our process group (Ctrl-C in a terminal, `kill -TERM -<pgid>`) reaches only us,
 *   so we can stop the API and the worker before the servers they use, in order;
 * - when this process dies without stopping the server (SIGKILL, a crash), the server gets
 *   `orphanSignal` and stops too, instead of holding its ports and data folder.
 *
 * When the server exits, what is left of its group (the watcher, stray workers) is killed.
 * POSIX only (it relies on `sh`), like the embedded servers themselves.
 */
export function spawnTethered(
  executable: string,
  args: string[],
  options: TetheredSpawnOptions,
): ChildProcess {
  const { orphanSignal, output, ...spawnOptions } = options;
  const child = spawn(
    '/bin/sh',
    ['-c', TETHER, 'tether', orphanSignal.replace(/^SIG/, ''), executable, ...args],
    {
      ...spawnOptions,
      detached: true,
      stdio: ['pipe', output[0], output[1]],
    },
  );
  // The watcher may be gone before us; writing is never done, but closing must not throw.
  child.stdin?.on('error', () => undefined);
  child.once('exit', () => {
    child.stdin?.destroy();
    killGroup(child, 'SIGKILL');
  });
  return child;
}

/** Sends `signal` to every process in `child`'s group (the server and its watcher); false when none is left. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}
