/* Emulator, worker and client instances for the durability tests: in-process or as child processes
 * that a test can SIGKILL. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { EMULATOR_EXECUTABLE } from '../support/temporal-env';
import type { ConformanceActivities } from './workflows/activities';

const activities: Partial<ConformanceActivities> = { echo: async (v) => v };

/** A client on `address`; `close()` releases its connection. */
export async function connectClient(address: string): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection }), close: () => connection.close() };
}

/** An in-process worker for the conformance workflows (`echo` activity) on `taskQueue`. */
export async function runWorker(address: string, taskQueue: string): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities,
  });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** The same worker in a child process (`worker-process.ts`), for SIGKILL tests. */
export function spawnWorkerProcess(address: string, taskQueue: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'worker-process.ts'), address, taskQueue],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

/** The emulator executable with persistence, in its own process so a test can SIGKILL it. */
export async function spawnEmulatorProcess(
  dbFilename: string,
): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(
    EMULATOR_EXECUTABLE,
    ['server', 'start-dev', '--port', '0', '--ip', '127.0.0.1', '--db-filename', dbFilename],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const address = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${output}`)));
  });
  return { child, address };
}

/** Polls `check` every 50 ms until it holds; throws after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
