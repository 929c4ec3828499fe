/** What a benchmark ran on, and how busy the machine was: results without these mislead. */
import fs from 'node:fs';
import os from 'node:os';

/** The machine, recorded beside every result. */
export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  totalMemoryGb: number;
  os: string;
  node: string;
  hostname: string;
}

/** Describes this machine. */
export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    totalMemoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    hostname: os.hostname(),
  };
}

/** The 1, 5 and 15 minute load averages, rounded. */
export function readLoadAverage(): [number, number, number] {
  const [one, five, fifteen] = os.loadavg().map((value) => Math.round(value * 100) / 100);
  return [one, five, fifteen];
}

/** Resident set size of a process in MB, from /proc (Linux); NaN when it cannot be read. */
export function readRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return Number.NaN;
  }
}
