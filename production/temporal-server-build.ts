import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TOOLS_DIR } from '../platform/temporal-binaries';

/** The Go module that pins the server: its go.mod names the version, its go.sum every dependency. */
export const BUILD_MODULE_DIR = path.resolve(__dirname, 'temporal-build');

/** The pinned Temporal server, built here from `go.temporal.io/server`. */
export interface TemporalServerBuild {
  /** e.g. `1.31.2`, as go.mod pins it. */
  version: string;
  /** `temporal-server` (cmd/server): the binary temporalio/server runs. */
  server: string;
  /** `temporal-sql-tool` (cmd/tools/sql): the schema tool temporalio/admin-tools ships. */
  sqlTool: string;
  /** The folder holding both, for PATH. */
  binDir: string;
  /** `schema/postgresql/v12` of the server module in Go's module cache. */
  schemaDir: string;
  /** True when this call compiled the binaries; false when it reused an earlier build. */
  built: boolean;
  /** How long this call took (build, or the check that a build exists). */
  elapsedMs: number;
}

/** Raised when Go is missing or the build fails; the message says what to do. */
export class TemporalServerBuildError extends Error {
  override name = 'TemporalServerBuildError';
}

/**
 * The server version production/temporal-build/go.mod pins (the version docker-compose.yml's images
 * carry; test/foundation/production-config.test.ts keeps them equal).
 */
export function readPinnedServerVersion(): string {
  const goMod = fs.readFileSync(path.join(BUILD_MODULE_DIR, 'go.mod'), 'utf8');
  const match = /^\s*go\.temporal\.io\/server v(\S+)/m.exec(goMod);
  if (!match)
    throw new TemporalServerBuildError(`${BUILD_MODULE_DIR}/go.mod does not require go.temporal.io/server`);
  return match[1];
}

/**
 * Builds the pinned `temporal-server` and `temporal-sql-tool` with `CGO_ENABLED=0` into
 * `.tools/temporal-server-<version>/`, or reuses that build when it was made from the same go.mod and
 * go.sum. The first build downloads the modules through the Go module proxy and compiles for several
 * minutes on two cores; later calls return at once.
 */
export function buildOrReuseTemporalServer(): TemporalServerBuild {
  const startedAt = Date.now();
  const version = readPinnedServerVersion();
  const installDir = path.join(TOOLS_DIR, `temporal-server-${version}`);
  const binDir = path.join(installDir, 'bin');
  const stampFile = path.join(installDir, 'build-stamp');
  const stamp = buildStamp();
  const built = !(fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp);
  if (built) {
    process.stderr.write(`building Temporal server ${version} and its schema tool into ${installDir} …\n`);
    // Into a scratch folder renamed into place: a build cut short never looks complete.
    const scratch = `${installDir}.partial-${process.pid}`;
    fs.rmSync(scratch, { recursive: true, force: true });
    try {
      const scratchBin = path.join(scratch, 'bin');
      go([
        'build',
        '-trimpath',
        '-o',
        path.join(scratchBin, 'temporal-server'),
        'go.temporal.io/server/cmd/server',
      ]);
      go([
        'build',
        '-trimpath',
        '-o',
        path.join(scratchBin, 'temporal-sql-tool'),
        'go.temporal.io/server/cmd/tools/sql',
      ]);
      fs.writeFileSync(path.join(scratch, 'build-stamp'), stamp);
      fs.rmSync(installDir, { recursive: true, force: true });
      fs.renameSync(scratch, installDir);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  const download = JSON.parse(go(['mod', 'download', '-json', `go.temporal.io/server@v${version}`])) as {
    Dir?: string;
  };
  if (!download.Dir)
    throw new TemporalServerBuildError(`go mod download did not name the server module's folder`);
  return {
    version,
    server: path.join(binDir, 'temporal-server'),
    sqlTool: path.join(binDir, 'temporal-sql-tool'),
    binDir,
    schemaDir: path.join(download.Dir, 'schema', 'postgresql', 'v12'),
    built,
    elapsedMs: Date.now() - startedAt,
  };
}

/** What a build is made from: a changed go.mod or go.sum (a new pin) means a new build. */
function buildStamp(): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum']) hash.update(fs.readFileSync(path.join(BUILD_MODULE_DIR, file)));
  return `${hash.digest('hex')}\n`;
}

/** Runs `go` in the build module with cgo off; returns stdout, throws with stderr's tail. */
function go(args: string[]): string {
  const result = spawnSync('go', args, {
    cwd: BUILD_MODULE_DIR,
    env: { ...process.env, CGO_ENABLED: '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    throw new TemporalServerBuildError(
      `cannot run go (${result.error.message}): install Go 1.26.4 or newer to build the Temporal server`,
    );
  }
  if (result.status !== 0) {
    throw new TemporalServerBuildError(`go ${args.join(' ')} failed: ${result.stderr.trim().slice(-2000)}`);
  }
  return result.stdout;
}
