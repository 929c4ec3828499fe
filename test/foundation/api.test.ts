import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import Koa from 'koa';
import { buildApp } from '../../api/app';
import type { AppState } from '../../api/app-state';
import { ConflictError } from '../../api/errors';
import { handleErrors } from '../../api/middleware/handle-errors';
import { assignRequestId } from '../../api/middleware/request-id';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let baseUrl: string;
let server: ReturnType<Koa['listen']>;
let temporalUp = true;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-api-'));
const logLines: string[] = [];
const logger = createLogger({
  level: 'debug',
  destination: new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
});

async function listen(app: Koa<AppState>): Promise<{ url: string; server: ReturnType<Koa['listen']> }> {
  const listening = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening.once('listening', resolve));
  return { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`, server: listening };
}

before(async () => {
  db = await startTestDatabase();
  const config = loadConfig({ DATA_DIR: dataDir });
  const app = buildApp({
    config,
    dataSource: db.dataSource,
    logger,
    checkTemporal: async () => {
      if (!temporalUp) throw new Error('connection refused');
    },
  });
  ({ url: baseUrl, server } = await listen(app));
});

after(async () => {
  server?.close();
  await db?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('GET /healthz answers while the process is up', async () => {
  const response = await fetch(`${baseUrl}/healthz`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: 'ok' });
});

test('GET /readyz is 200 when database and Temporal answer, 503 naming Temporal when it does not', async () => {
  const ready = await fetch(`${baseUrl}/readyz`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: 'ready' });

  temporalUp = false;
  try {
    const notReady = await fetch(`${baseUrl}/readyz`);
    assert.equal(notReady.status, 503);
    assert.deepEqual(await notReady.json(), { error: 'Not ready: Temporal unreachable' });
  } finally {
    temporalUp = true;
  }
});

test('request ids are echoed when acceptable and generated otherwise, and appear in logs', async () => {
  const given = await fetch(`${baseUrl}/healthz`, { headers: { 'X-Request-Id': 'abc-123' } });
  assert.equal(given.headers.get('x-request-id'), 'abc-123');
  assert.ok(
    logLines.some((line) => line.includes('"reqId":"abc-123"') && line.includes('"path":"/healthz"')),
  );

  const replaced = await fetch(`${baseUrl}/healthz`, { headers: { 'X-Request-Id': 'bad id\twith spaces' } });
  assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('unknown routes, wrong methods, bad JSON and oversized bodies answer {"error"}', async () => {
  const missing = await fetch(`${baseUrl}/nope`);
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { error: 'Not found' });

  const wrongMethod = await fetch(`${baseUrl}/healthz`, { method: 'DELETE' });
  assert.equal(wrongMethod.status, 405);
  assert.ok(((await wrongMethod.json()) as { error: string }).error);

  const json = { 'Content-Type': 'application/json' };
  const badJson = await fetch(`${baseUrl}/anything`, { method: 'POST', headers: json, body: '{"a":' });
  assert.equal(badJson.status, 400);
  assert.deepEqual(await badJson.json(), { error: 'Request body is not valid JSON' });

  const huge = JSON.stringify({ data: 'x'.repeat(3 * 1024 * 1024) });
  const tooLarge = await fetch(`${baseUrl}/anything`, { method: 'POST', headers: json, body: huge });
  assert.equal(tooLarge.status, 413);
  assert.deepEqual(await tooLarge.json(), { error: 'Request body is too large' });
});

test('every response forbids sniffing, framing and referrers: JSON, errors, the docs page and its scripts', async () => {
  const json = { 'Content-Type': 'application/json' };
  const requests: [string, RequestInit?][] = [
    ['/healthz'],
    ['/api/openapi.json'],
    ['/nope'],
    ['/healthz', { method: 'DELETE' }],
    ['/api/auth/login', { method: 'POST', headers: json, body: '{"a":' }],
    ['/api/auth/me'],
    ['/docs'],
    ['/docs/assets/reference-page.js'],
    ['/docs/integration-guide'],
  ];
  for (const [path, init] of requests) {
    const response = await fetch(`${baseUrl}${path}`, init);
    await response.arrayBuffer();
    const name = `${init?.method ?? 'GET'} ${path} (${response.status})`;
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', name);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', name);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer', name);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, name);
  }
  const docs = await fetch(`${baseUrl}/docs`);
  await docs.arrayBuffer();
  assert.match(
    docs.headers.get('content-security-policy') ?? '',
    /script-src 'self'/,
    'the docs keep their policy',
  );
});

test('typed errors keep their status; unknown errors become a logged 500 without details', async () => {
  const app = new Koa<AppState>();
  app.silent = true;
  app.use(assignRequestId(logger));
  app.use(handleErrors());
  app.use((ctx) => {
    if (ctx.path === '/conflict') throw new ConflictError('Flow is already running');
    throw new Error('secret internal detail at /srv/db.ts:12');
  });
  const { url, server: local } = await listen(app);
  try {
    const conflict = await fetch(`${url}/conflict`);
    assert.equal(conflict.status, 409);
    assert.deepEqual(await conflict.json(), { error: 'Flow is already running' });

    const crash = await fetch(`${url}/crash`);
    assert.equal(crash.status, 500);
    const text = await crash.text();
    assert.equal(text, JSON.stringify({ error: 'Internal server error' }));
    assert.ok(
      logLines.some((line) => line.includes('secret internal detail')),
      'the cause is logged',
    );
  } finally {
    local.close();
  }
});
