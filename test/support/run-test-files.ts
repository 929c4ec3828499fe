import { spawn } from 'node:child_process';
import { REPO_ROOT } from './child-service';

/** Options of {@link runTestFiles}. */
export interface RunTestFilesOptions {
  /** `--test-timeout`: bounds each file (and so the file's own process). */
  fileTimeoutMs: number;
  /** The whole run: every test still running then is stopped. */
  runTimeoutMs: number;
  /** Files run at once (default 2). */
  concurrency?: number;
  /** Added to our environment. */
  env?: Record<string, string>;
  /** Names the command in messages (default `npm test`). */
  command?: string;
}

/**
 * Runs node's test runner (spec reporter) on `files` in a process group of its own, so every process
 * under it can be stopped, and resolves with its exit code. Shared by `npm test` and
 * `npm run test:production`.
 */
export async function runTestFiles(files: string[], options: RunTestFilesOptions): Promise<number> {
  const command = options.command ?? 'npm test';
  const runner = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-timeout=${options.fileTimeoutMs}`,
      `--test-concurrency=${options.concurrency ?? 2}`,
      '--test-reporter=spec',
      ...files,
    ],
    { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: 'inherit', detached: true },
  );
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(runner.pid as number), signal);
    } catch {
      // The group is empty.
    }
  };
  const deadline = setTimeout(() => {
    console.error(
      `${command}: still running after ${options.runTimeoutMs / 60_000} minutes; stopping every test`,
    );
    killGroup('SIGKILL');
  }, options.runTimeoutMs);
  const forward = (signal: NodeJS.Signals) => () => killGroup(signal);
  process.once('SIGINT', forward('SIGINT'));
  process.once('SIGTERM', forward('SIGTERM'));
  const code = await new Promise<number>((resolve) =>
    runner.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))),
  );
  clearTimeout(deadline);
  // Whatever a file left behind in the group (a server it failed to stop) goes with the run.
  killGroup('SIGKILL');
  return code;
}
