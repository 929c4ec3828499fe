import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';

/** Options of {@link waitForTemporal}. */
export interface WaitForTemporalOptions {
  /** The server's process: its exit ends the wait at once. */
  child?: ChildProcess;
  timeoutMs: number;
  /** Namespace that must be ready (default `default`). */
  namespace?: string;
  /** Names the server in errors (command line, log tail). */
  describe: () => string;
}

/**
 * Polls a Temporal frontend until it answers GetSystemInfo and knows `namespace`. We start the
 * servers ourselves and wait here instead of letting sdk-core start them, because sdk-core gives a
 * server a fixed 5 s, which a busy machine can miss.
 */
export async function waitForTemporal(
  address: string,
  options: WaitForTemporalOptions,
): Promise<{ serverVersion: string }> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const exit = options.child && (options.child.exitCode ?? options.child.signalCode);
    if (exit !== undefined && exit !== null) {
      throw new Error(`${options.describe()} exited (${exit}) before answering on ${address}`);
    }
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 1_000 });
      const info = await connection.workflowService.getSystemInfo({});
      await connection.workflowService.describeNamespace({ namespace: options.namespace ?? 'default' });
      return { serverVersion: info.serverVersion ?? '' };
    } catch (error) {
      lastError = error;
    } finally {
      await connection?.close().catch(() => undefined);
    }
    await sleep(100);
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(
    `${options.describe()} did not answer on ${address} within ${options.timeoutMs} ms (${reason})`,
  );
}
