/**
 * The machine's processes as Linux's /proc shows them: what the stop tests need to find every
 * process a command left behind, whatever process group or session it moved to.
 */
import fs from 'node:fs';

/** One process. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** Process group id. */
  pgid: number;
  /** `R`, `S`, `Z` (zombie: exited, not yet reaped), … */
  state: string;
  command: string;
}

/** The process `pid`, or undefined when there is none. */
export function readProcess(pid: number): ProcessEntry | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces; the fields after it are fixed.
    const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { pid, ppid: Number(ppid), pgid: Number(pgid), state, command };
  } catch {
    return undefined;
  }
}

/** Every process now. */
export function listProcesses(): ProcessEntry[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((entry) => entry !== undefined);
}

/** True while `pid` runs; a zombie counts as gone. */
export function isRunning(pid: number): boolean {
  const entry = readProcess(pid);
  return entry !== undefined && entry.state !== 'Z';
}

/** Sends `signal` to `pid` (a negative pid: a process group), ignoring one that is gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
