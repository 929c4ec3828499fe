/**
 * CPU time per process, read from /proc (Linux): what each part of the stack (API, worker, Temporal
 * server, PostgreSQL, the load generator) spent while a benchmark level ran, so a reader sees where
 * a lead's, a reply's or a message's time goes. Elsewhere (no /proc) every reading is NaN.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { sleep } from '../test/support/child-service';

/** One process (or process tree) whose CPU is counted. */
export interface MeasuredProcess {
  /** Column name, e.g. `API`, `PostgreSQL`. */
  name: string;
  pid: number;
  /**
   * true: the process and all its descendants (PostgreSQL's postmaster and every backend). false:
   * this process alone (the benchmark process, whose children are the stack itself).
   */
  tree: boolean;
}

/** CPU ms per process name at one moment. */
export type CpuReading = Record<string, number>;

const clockTicksPerSecond = readClockTicks();

/** Reads every process's CPU ms so far (user + system, plus waited-for children for trees). */
export function readCpu(processes: readonly MeasuredProcess[]): CpuReading {
  const table = readProcessTable();
  return Object.fromEntries(
    processes.map(({ name, pid, tree }) => {
      const pids = tree ? descendantsOf(pid, table) : [pid];
      const ticks = pids.reduce((sum, each) => {
        const stat = table.get(each);
        if (!stat) return sum;
        // A tree counts children it has reaped (a backend that exited): their time moved to cutime.
        return sum + stat.utime + stat.stime + (tree ? stat.cutime + stat.cstime : 0);
      }, 0);
      return [name, table.has(pid) ? (ticks / clockTicksPerSecond) * 1000 : Number.NaN];
    }),
  );
}

/** CPU ms each process spent between two readings. */
export function cpuBetween(before: CpuReading, after: CpuReading): CpuReading {
  return Object.fromEntries(Object.entries(after).map(([name, ms]) => [name, ms - (before[name] ?? NaN)]));
}

/** CPU ms per operation, rounded to 0.01 ms, plus a `total` column. */
export function cpuPerOperation(spent: CpuReading, operations: number): CpuReading {
  const perOperation = (ms: number) => (operations > 0 ? Math.round((ms / operations) * 100) / 100 : NaN);
  const total = Object.values(spent).reduce((sum, ms) => sum + (Number.isFinite(ms) ? ms : 0), 0);
  return {
    ...Object.fromEntries(Object.entries(spent).map(([name, ms]) => [name, perOperation(ms)])),
    total: perOperation(total),
  };
}

/**
 * Waits until the processes together use less than `idleCores` of a core over `windowMs`, at most
 * `maxMs`: work a level caused but had not finished when its load ended (runs still sending their
 * opening template) is counted in that level, and does not slow the next one.
 */
export async function waitForQuiet(
  processes: readonly MeasuredProcess[],
  { idleCores = 0.2, windowMs = 500, maxMs = 15_000 } = {},
): Promise<void> {
  const deadline = Date.now() + maxMs;
  let previous = readCpu(processes);
  while (Date.now() < deadline) {
    await sleep(windowMs);
    const now = readCpu(processes);
    const busyMs = Object.values(cpuBetween(previous, now)).reduce(
      (sum, ms) => sum + (Number.isFinite(ms) ? ms : 0),
      0,
    );
    if (busyMs < idleCores * windowMs) return;
    previous = now;
  }
}

/**
 * Measures one level: reads CPU, runs `body`, waits for the stack to go quiet, reads again.
 * Returns the body's result and what each process spent.
 */
export async function measureCpu<T>(
  processes: readonly MeasuredProcess[],
  body: () => Promise<T>,
): Promise<{ result: T; spent: CpuReading }> {
  const before = readCpu(processes);
  const result = await body();
  await waitForQuiet(processes);
  return { result, spent: cpuBetween(before, readCpu(processes)) };
}

interface ProcStat {
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

function readProcessTable(): Map<number, ProcStat> {
  const table = new Map<number, ProcStat>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return table;
  }
  for (const entry of entries) {
    try {
      const text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name sits in parentheses and may hold spaces: the fields start after the last ")".
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), {
        ppid: Number(fields[1]),
        utime: Number(fields[11]),
        stime: Number(fields[12]),
        cutime: Number(fields[13]),
        cstime: Number(fields[14]),
      });
    } catch {
      // The process exited between listing and reading: its time is in its parent's cutime now.
    }
  }
  return table;
}

function descendantsOf(root: number, table: Map<number, ProcStat>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, stat] of table) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  const found = [root];
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]) ?? []));
  return found;
}

function readClockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
