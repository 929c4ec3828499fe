import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { buildApp, type AppDeps } from '../../api/app';
import { startApiServer, type ApiServer } from '../../api/start-api-server';
import { Flow } from '../../entities/flow';
import { User } from '../../entities/user';
import { WhatsappAccount } from '../../entities/whatsapp-account';
import { loadConfig, type AppConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { encryptSecret, generateToken, hashPassword } from '../../platform/secrets';
import { startTestDatabase, type TestDatabase } from './database';

/** Options of {@link startApiHarness}. */
export interface ApiHarnessOptions {
  /** Passed to buildApp; routes that need Temporal answer 503 without it. */
  temporalClient?: Client;
  /** Use this database instead of starting one (it is not stopped by the harness). */
  database?: TestDatabase;
  /** Extra environment for loadConfig (e.g. OPENAI_BASE_URL). */
  env?: NodeJS.ProcessEnv;
  /** Overrides of the built deps (e.g. `loginRateLimits`). */
  deps?: Partial<AppDeps>;
}

/** A user made by {@link ApiHarness.createUser}, with the password to log in. */
export interface CreatedUser {
  user: User;
  password: string;
}

/** A running API on a real port, its database, and helpers that go through the real routes. */
export interface ApiHarness {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  dataSource: DataSource;
  config: AppConfig;
  /** Every log line the app wrote (JSON), for assertions that secrets never appear. */
  logLines: string[];
  /** `fetch(baseUrl + path, init)`; a plain-object `json` is sent as JSON. */
  request(
    path: string,
    init?: RequestInit & { json?: unknown; cookie?: string; token?: string },
  ): Promise<Response>;
  /** Inserts a user (unique username unless given); admin / API-approved on request. */
  createUser(options?: {
    admin?: boolean;
    approved?: boolean;
    disabled?: boolean;
    username?: string;
    password?: string;
  }): Promise<CreatedUser>;
  /** Logs in through `POST /api/auth/login` and returns the `Cookie` header value. */
  login(username: string, password: string): Promise<string>;
  /**
   * An API Bearer token through the real routes: login → rotate API key → exchange it.
   * The user must be API-approved (createUser({ approved: true })).
   */
  apiTokenFor(created: CreatedUser, ttlSec?: number): Promise<string>;
  /** Inserts a WhatsApp account for `userId` (access token encrypted). */
  seedAccount(userId: string, fields?: Partial<WhatsappAccount>): Promise<WhatsappAccount>;
  /** Inserts a flow for `userId` (a start → message → end graph unless given). */
  seedFlow(userId: string, fields?: Partial<Flow>): Promise<Flow>;
  /** Closes the server, then the database (when the harness started it). */
  stop(): Promise<void>;
}

let counter = 0;

/**
 * Starts a throw-away PostgreSQL and `buildApp` on port 0 (127.0.0.1), for tests through real HTTP.
 *
 * @example
 * ```ts
 * let api: ApiHarness;
 * before(async () => { api = await startApiHarness(); });
 * after(() => api.stop());
 * test('lists my flows', async () => {
 *   const alice = await api.createUser();
 *   const cookie = await api.login(alice.user.username, alice.password);
 *   const response = await api.request('/api/flows', { cookie });
 * });
 * ```
 */
export async function startApiHarness(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  const database = options.database ?? (await startTestDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-api-harness-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...options.env });
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
  const deps: AppDeps = {
    config,
    dataSource: database.dataSource,
    logger,
    checkTemporal: async () => undefined,
    temporalClient: options.temporalClient,
    ...options.deps,
  };
  let server: ApiServer;
  try {
    buildApp(deps); // fail fast on a broken route catalogue before binding a port
    server = await startApiServer(deps, 0);
  } catch (error) {
    if (!options.database) await database.stop();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const dataSource = database.dataSource;

  const request: ApiHarness['request'] = (urlPath, init = {}) => {
    const { json, cookie, token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('Content-Type', 'application/json');
    if (cookie) headers.set('Cookie', cookie);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return fetch(`${baseUrl}${urlPath}`, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  };

  const createUser: ApiHarness['createUser'] = async (opts = {}) => {
    counter += 1;
    const password = opts.password ?? `pw-${generateToken(9)}`;
    const username = opts.username ?? `user${counter}_${generateToken(4).replace(/[^A-Za-z0-9]/g, 'x')}`;
    const user = await dataSource.getRepository(User).save({
      username,
      displayName: `User ${counter}`,
      email: `${username.toLowerCase()}@example.com`,
      role: opts.admin ? 'admin' : 'user',
      apiAccessApproved: opts.approved ?? false,
      disabled: opts.disabled ?? false,
      passwordHash: await hashPassword(password),
    });
    return { user, password };
  };

  const login: ApiHarness['login'] = async (username, password) => {
    const response = await request('/api/auth/login', { method: 'POST', json: { username, password } });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('flowbot_session='));
    if (!cookie) throw new Error('login set no session cookie');
    return cookie.split(';')[0];
  };

  const apiTokenFor: ApiHarness['apiTokenFor'] = async (created, ttlSec = 3600) => {
    const cookie = await login(created.user.username, created.password);
    const rotated = await request('/api/settings/api-access/rotate', { method: 'POST', cookie });
    if (rotated.status !== 200) throw new Error(`rotate failed: ${rotated.status} ${await rotated.text()}`);
    const { clientId, apiKey } = (await rotated.json()) as { clientId: string; apiKey: string };
    const exchanged = await request('/api/auth/api-token', {
      method: 'POST',
      json: { clientId, apiKey, ttlSec },
    });
    if (exchanged.status !== 200)
      throw new Error(`api-token failed: ${exchanged.status} ${await exchanged.text()}`);
    return ((await exchanged.json()) as { accessToken: string }).accessToken;
  };

  const seedAccount: ApiHarness['seedAccount'] = async (userId, fields = {}) => {
    counter += 1;
    return await dataSource.getRepository(WhatsappAccount).save({
      userId,
      phoneNumberId: `pn-${counter}-${generateToken(6)}`,
      displayPhoneNumber: `+1555${String(1_000_000 + counter).slice(-7)}`,
      accessTokenEncrypted: encryptSecret(`graph-token-${counter}`, config.dataEncryptionKey),
      ...fields,
    });
  };

  const seedFlow: ApiHarness['seedFlow'] = async (userId, fields = {}) => {
    counter += 1;
    return await dataSource.getRepository(Flow).save({
      userId,
      name: `Flow ${counter}`,
      description: 'seeded',
      drawflowData: sampleDrawflow(),
      ...fields,
    });
  };

  const stop = async () => {
    await server.close(1000);
    if (!options.database) await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  return {
    baseUrl,
    dataSource,
    config,
    logLines,
    request,
    createUser,
    login,
    apiTokenFor,
    seedAccount,
    seedFlow,
    stop,
  };
}

/** A valid start → message → end Drawflow document. */
export function sampleDrawflow(text = 'Hello {{customerName}}'): Record<string, unknown> {
  const node = (id: number, name: string, data: object, inputs: object, outputs: object) => ({
    id,
    name,
    data,
    class: name,
    html: '',
    typenode: false,
    inputs,
    outputs,
    pos_x: id * 200,
    pos_y: 100,
  });
  return {
    drawflow: {
      Home: {
        data: {
          '1': node(1, 'start', {}, {}, { output_1: { connections: [{ node: '2', output: 'input_1' }] } }),
          '2': node(
            2,
            'message',
            { text },
            { input_1: { connections: [{ node: '1', input: 'output_1' }] } },
            { output_1: { connections: [{ node: '3', output: 'input_1' }] } },
          ),
          '3': node(3, 'end', {}, { input_1: { connections: [{ node: '2', input: 'output_1' }] } }, {}),
        },
      },
    },
  };
}
