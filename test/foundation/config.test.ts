import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, loadConfig } from '../../platform/config';
import { DEV_SECRETS_FILE } from '../../platform/dev-secrets';

const temporaryDirs: string[] = [];
after(() => temporaryDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function temporaryDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-config-'));
  temporaryDirs.push(dir);
  return dir;
}

const productionEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db:5432/flowbot',
  PUBLIC_BASE_URL: 'https://flowbot.example.com',
  TEMPORAL_ADDRESS: 'temporal:7233',
  JWT_SECRET: 'x'.repeat(40),
  DATA_ENCRYPTION_KEY: 'ab'.repeat(32),
  WHATSAPP_APP_SECRET: 'app-secret',
  WHATSAPP_VERIFY_TOKEN: 'verify-token',
};

test('defaults apply in development and relative DATA_DIR resolves against cwd', () => {
  const dataDir = temporaryDataDir();
  const config = loadConfig({ DATA_DIR: dataDir });
  assert.equal(config.nodeEnv, 'development');
  assert.equal(config.port, 3000);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.dataDir, dataDir);
  assert.equal(config.temporal.namespace, 'default');
  assert.equal(config.temporal.taskQueue, 'flowbot');
  assert.equal(config.whatsapp.graphBaseUrl, 'https://graph.facebook.com');
  assert.equal(config.whatsapp.messagesPerSecond, 80);
  assert.equal(config.httpNode.allowPrivate, false);
  assert.equal(config.publicBaseUrl, 'http://localhost:3000');
  assert.equal(loadConfig({ DATA_DIR: 'data' }, { cwd: dataDir }).dataDir, path.join(dataDir, 'data'));
  assert.equal(config.flowGeneration.pdfReadTimeoutMs, 20_000);
  assert.equal(config.worker.workflowBundlePath, undefined);
});

test('a prebuilt workflow bundle path resolves against cwd', () => {
  const dataDir = temporaryDataDir();
  const config = loadConfig({ DATA_DIR: dataDir, WORKFLOW_BUNDLE_PATH: 'dist/bundle.js' }, { cwd: dataDir });
  assert.equal(config.worker.workflowBundlePath, path.join(dataDir, 'dist', 'bundle.js'));
});

test('every malformed variable is named in one line', () => {
  const env = {
    DATA_DIR: temporaryDataDir(),
    PORT: 'eighty',
    DATABASE_URL: 'mysql://x',
    LOG_LEVEL: 'loud',
    PUBLIC_BASE_URL: 'not a url',
    DATA_ENCRYPTION_KEY: 'short',
    JWT_SECRET: 'short',
    TEMPORAL_ADDRESS: 'no-port',
    WHATSAPP_GRAPH_BASE_URL: 'ftp://graph',
    WHATSAPP_GRAPH_VERSION: '21',
    WHATSAPP_MESSAGES_PER_SECOND: '0',
    OPENAI_BASE_URL: 'nope',
    OPENAI_TIMEOUT_MS: '-5',
    HTTP_NODE_ALLOW_PRIVATE: 'maybe',
    NODE_ENV: 'staging',
  };
  const error = captureConfigError(env);
  assert.doesNotMatch(error.message, /\n/);
  for (const name of Object.keys(env).filter((name) => name !== 'DATA_DIR')) {
    assert.match(error.message, new RegExp(`\\b${name}\\b`), `${name} missing from: ${error.message}`);
  }
  assert.equal(error.problems.length, Object.keys(env).length - 1);
});

test('production requires the secrets, the database and the public URL', () => {
  const error = captureConfigError({ NODE_ENV: 'production', DATA_DIR: temporaryDataDir() });
  for (const name of Object.keys(productionEnv).filter(
    (name) => !['NODE_ENV', 'TEMPORAL_ADDRESS'].includes(name),
  )) {
    assert.match(error.message, new RegExp(`${name} is required`));
  }
  const config = loadConfig(productionEnv);
  assert.equal(config.dataEncryptionKey.length, 32);
  assert.equal(config.whatsapp.appSecret, 'app-secret');
});

test('production never writes generated secrets', () => {
  const dataDir = temporaryDataDir();
  loadConfig({ ...productionEnv, DATA_DIR: dataDir });
  assert.equal(fs.existsSync(path.join(dataDir, DEV_SECRETS_FILE)), false);
});

test('requireTemporalAddress names TEMPORAL_ADDRESS', () => {
  const error = captureConfigError({ DATA_DIR: temporaryDataDir() }, { requireTemporalAddress: true });
  assert.match(error.message, /TEMPORAL_ADDRESS is required/);
});

test('development secrets are generated once, kept with mode 0600 and reused', () => {
  const dataDir = temporaryDataDir();
  const first = loadConfig({ DATA_DIR: dataDir });
  const file = path.join(dataDir, DEV_SECRETS_FILE);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const second = loadConfig({ DATA_DIR: dataDir });
  assert.equal(second.jwtSecret, first.jwtSecret);
  assert.deepEqual(second.dataEncryptionKey, first.dataEncryptionKey);
  assert.equal(second.whatsapp.verifyToken, first.whatsapp.verifyToken);
  assert.equal(first.dataEncryptionKey.length, 32);

  const given = loadConfig({ DATA_DIR: dataDir, WHATSAPP_VERIFY_TOKEN: 'mine' });
  assert.equal(given.whatsapp.verifyToken, 'mine');
  assert.equal(given.jwtSecret, first.jwtSecret);
});

test('proxy hops: none by default, TRUST_PROXY=true is one, TRUST_PROXY_HOPS counts them', () => {
  const dataDir = temporaryDataDir();
  const hops = (env: NodeJS.ProcessEnv) => loadConfig({ DATA_DIR: dataDir, ...env }).proxyHops;
  assert.equal(hops({}), 0);
  assert.equal(hops({ TRUST_PROXY: 'false' }), 0);
  assert.equal(hops({ TRUST_PROXY: 'true' }), 1);
  assert.equal(hops({ TRUST_PROXY_HOPS: '2' }), 2);
  assert.equal(hops({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '3' }), 3);
  assert.match(
    captureConfigError({ DATA_DIR: dataDir, TRUST_PROXY_HOPS: 'two' }).message,
    /TRUST_PROXY_HOPS/,
  );
  assert.match(
    captureConfigError({ DATA_DIR: dataDir, TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '0' }).message,
    /TRUST_PROXY_HOPS must be at least 1 when TRUST_PROXY=true/,
  );
});

test('base64 and hex encryption keys are accepted', () => {
  const key = Buffer.alloc(32, 7);
  const dataDir = temporaryDataDir();
  assert.deepEqual(
    loadConfig({ DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: key.toString('base64') }).dataEncryptionKey,
    key,
  );
  assert.deepEqual(
    loadConfig({ DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: key.toString('hex') }).dataEncryptionKey,
    key,
  );
});

function captureConfigError(env: NodeJS.ProcessEnv, options = {}): ConfigError {
  try {
    loadConfig(env, options);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('loadConfig accepted invalid configuration');
}
