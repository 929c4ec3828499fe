/**
 * Which Temporal server a benchmark ran on, recorded beside every result: figures from another
 * server version (or from the retired FlowBot emulator) cannot be compared with them.
 */
import type { Connection } from '@temporalio/client';
import { TEMPORAL_BINARIES } from '../platform/temporal-binaries';

/** The Temporal server behind one benchmark. */
export interface TemporalServerInfo {
  /** What ran: the benchmarks start the CLI's dev server, in memory, one per stack. */
  server: string;
  storage: string;
  /** The `temporal` CLI pinned in platform/temporal-binaries.ts; null when TEMPORAL_CLI_PATH replaced it. */
  cliVersion: string | null;
  /** TEMPORAL_CLI_PATH, when set: the binary that ran, whatever its version. */
  cliPath?: string;
  /** As the running server reported it (GetSystemInfo), e.g. `1.31.2`. */
  serverVersion: string;
}

/** Asks the server behind `connection` for its version and names the CLI that started it. */
export async function describeTemporalServer(
  connection: Pick<Connection, 'workflowService'>,
): Promise<TemporalServerInfo> {
  const { serverVersion } = await connection.workflowService.getSystemInfo({});
  const cliPath = process.env.TEMPORAL_CLI_PATH;
  return {
    server: 'Temporal dev server',
    storage: 'in memory',
    cliVersion: cliPath ? null : TEMPORAL_BINARIES.cli.version,
    ...(cliPath ? { cliPath } : {}),
    serverVersion: serverVersion || 'unreported',
  };
}

/**
 * The production topology's server (`--topology=production`): the pinned build of
 * go.temporal.io/server on PostgreSQL, configured by deploy/temporal/ (production/temporal-cluster.ts).
 */
export async function describeProductionTemporalServer(
  connection: Pick<Connection, 'workflowService'>,
): Promise<TemporalServerInfo> {
  const { serverVersion } = await connection.workflowService.getSystemInfo({});
  return {
    server: 'Temporal server built from go.temporal.io/server, deploy/temporal configuration',
    storage: 'PostgreSQL persistence and visibility',
    cliVersion: null,
    serverVersion: serverVersion || 'unreported',
  };
}

/**
 * e.g. "Temporal dev server (temporal CLI 1.8.2, Server 1.31.2, in memory)"; a server no CLI started
 * (the production topology) is named without one.
 */
export function renderTemporalServer(info: TemporalServerInfo): string {
  const cli = info.cliPath
    ? `temporal CLI ${info.cliPath}, `
    : info.cliVersion
      ? `temporal CLI ${info.cliVersion}, `
      : '';
  return `${info.server} (${cli}Server ${info.serverVersion}, ${info.storage})`;
}
