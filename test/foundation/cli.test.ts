import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { User, WhatsappAccount } from '../../entities';
import { loadConfig } from '../../platform/config';
import { decryptSecret, verifyPassword } from '../../platform/secrets';
import { startTestDatabase, type TestDatabase } from '../support/database';

const ROOT = path.resolve(__dirname, '..', '..');
let db: TestDatabase;
let dataDir: string;

before(async () => {
  db = await startTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-cli-'));
});
after(async () => {
  await db?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const runCli = (...args: string[]) => runScript('scripts/cli.ts', args);

test('wrong arguments print the usage and exit non-zero', async () => {
  const results = await Promise.all([
    runCli(),
    runCli('make-coffee'),
    runCli('create-user', '--username', 'ana'),
    runCli('create-user', '--username', 'ana', '--password', 'long-enough', '--colour', 'red'),
  ]);
  for (const result of results) {
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /Usage: npm run cli -- <command>/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  }
  assert.match(results[2].stderr, /--password is required/);
  const help = await runCli('help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /create-user/);
});

test('create-user stores a hashed password; connect-whatsapp stores the token encrypted', async () => {
  const created = await runCli('create-user', '--username', 'Ana', '--password', 'correct horse', '--admin');
  assert.equal(created.code, 0, created.stderr);
  const user = await db.dataSource.getRepository(User).findOneByOrFail({ username: 'Ana' });
  assert.equal(user.role, 'admin');
  assert.equal(await verifyPassword('correct horse', user.passwordHash), true);

  const duplicate = await runCli('create-user', '--username', 'ana', '--password', 'another one');
  assert.notEqual(duplicate.code, 0);
  assert.match(duplicate.stderr, /already exists/);

  const connected = await runCli(
    'connect-whatsapp',
    '--username',
    'ana',
    '--phone-number-id',
    '1098765',
    '--display-phone',
    '+15550001234',
    '--access-token',
    'EAAG-cli-token',
  );
  assert.equal(connected.code, 0, connected.stderr);
  const account = await db.dataSource
    .getRepository(WhatsappAccount)
    .findOneByOrFail({ phoneNumberId: '1098765' });
  assert.equal(account.userId, user.id);
  assert.doesNotMatch(account.accessTokenEncrypted, /EAAG-cli-token/);
  const key = loadConfig({ DATA_DIR: dataDir }).dataEncryptionKey;
  assert.equal(decryptSecret(account.accessTokenEncrypted, key), 'EAAG-cli-token');
});

test('create-user refuses a guessable password, saying why, and creates nobody', async () => {
  const cases: [string, RegExp][] = [
    ['12345678', /--password must not be a run of consecutive/],
    ['password1', /--password is one of the most common passwords/],
    ['bea-the-user', /--password must not be the username/],
  ];
  for (const [password, reason] of cases) {
    const result = await runCli('create-user', '--username', 'Bea-The-User', '--password', password);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, reason);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  }
  assert.equal(await db.dataSource.getRepository(User).countBy({ username: 'Bea-The-User' }), 0);
});

test('entry points report bad configuration in one line, exit 1, without a stack trace', async () => {
  const result = await runScript('api/main.ts', [], {
    PORT: 'http',
    NODE_ENV: 'production',
    DATABASE_URL: '',
  });
  assert.equal(result.code, 1);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], /^api: Invalid configuration: .*PORT must be a port number/);
  assert.match(lines[0], /TEMPORAL_ADDRESS is required/);
  assert.match(lines[0], /JWT_SECRET is required when NODE_ENV=production/);
});
