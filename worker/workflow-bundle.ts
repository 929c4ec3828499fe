/**
 * The workflow bundle the worker runs, built by webpack in a short-lived child process.
 *
 * Bundling in the worker's own process leaves webpack's ~190 MB (measured: RSS 140 → 332 MB) resident
 * for the worker's whole life, because V8 and the allocator rarely give freed memory back; a child
 * process returns all of it to the OS when it exits, and the worker only keeps the 3 MB of code.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';

/** The workflows entry point (`workflows/index.ts`), bundled by the worker. */
export const workflowsPath = require.resolve('../workflows');

/**
 * Bundle options every FlowBot worker uses. No `preloadModules`: the SDK evaluates workflow modules
 * once per run, and sharing the engine that way is not safe — the SDK deep-freezes shared modules and
 * zod 4 defines schema methods lazily on first use (tried: `parseFlowGraph` then throws "Cannot
 * define property safeParse, object is not extensible"). Since the engine's zod-free runtime entry
 * (workflows/engine/runtime.ts) a run's own copy of the modules is ~100 KB of heap (1.1 MB with zod).
 */
export const flowBundleOptions: Pick<BundleOptions, 'workflowsPath'> = { workflowsPath };

/** Bundles the workflows in a child process; rejects with the child's error if webpack fails. */
export async function bundleFlowWorkflows(): Promise<WorkflowBundle> {
  // Same loader (tsx) as this process, but no inspector: its port is taken by the parent.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--inspect'));
  const child = fork(__filename, ['--bundle-child'], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return await new Promise<WorkflowBundle>((resolve, reject) => {
    child.once('message', (message: { code?: string; error?: string }) => {
      if (message.code !== undefined) resolve({ code: message.code });
      else reject(new Error(`Bundling the workflows failed: ${message.error}`));
    });
    child.once('error', (error) =>
      reject(new Error('Could not start the bundler process', { cause: error })),
    );
    child.once('exit', (code) => reject(new Error(`The bundler process exited (${code}) without a bundle`)));
  });
}

/**
 * Bundles the workflows into `file` (written whole, then renamed into place), for workers started with
 * WORKFLOW_BUNDLE_PATH: they skip bundling (seconds of CPU per start) and run exactly this code.
 */
export async function writeFlowWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleFlowWorkflows();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, file);
}

async function bundleAndSend(): Promise<void> {
  const send = (message: { code?: string; error?: string }) =>
    new Promise<void>((resolve) => process.send?.(message, () => resolve()));
  try {
    const { code } = await bundleWorkflowCode({ ...flowBundleOptions, logger: silentBundlerLogger });
    await send({ code });
  } catch (error) {
    await send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  process.exit(0);
}

const silentBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`workflow bundler: ${message}\n`),
  error: (message: string) => process.stderr.write(`workflow bundler: ${message}\n`),
};

if (require.main === module && process.argv.includes('--bundle-child')) void bundleAndSend();
