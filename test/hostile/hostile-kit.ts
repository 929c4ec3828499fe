/**
 * The hostile-input suites' shared setup: the whole product as processes (an attack that crashes the
 * API shows up as a dead child, not a confused test), an admin tenant with every credential in
 * hand, and the route catalogue read from `buildApp` so a new route is attacked without editing
 * these tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, routeCatalogueOf } from '../../api/app';
import type { AnyRouteDefinition } from '../../api/routing/route-definition';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startProcessStack, type ProcessStack } from '../support/process-stack';
import { seedTenant, type SeededTenant } from '../support/seed-tenant';
import { requestApiToken } from '../support/stack-driver';

/** Quick form in `npm test`, full form with FLOWBOT_FULL_TESTS=1. */
export const FULL = process.env.FLOWBOT_FULL_TESTS === '1';

/** A stack with an admin tenant, an API JWT and a session cookie. */
export interface HostileStack {
  stack: ProcessStack;
  tenant: SeededTenant;
  apiToken: string;
  sessionCookie: string;
}

/** The stack's PDF reading deadline (PDF_READ_TIMEOUT_MS). */
export const HOSTILE_PDF_READ_TIMEOUT_MS = 5_000;

/** Starts the stack and logs the seeded admin in through the real routes. */
export async function startHostileStack(): Promise<HostileStack> {
  // The PDF bomb test waits out the PDF reading deadline twice: 5 s instead of the default 20 s.
  const stack = await startProcessStack({
    env: { PDF_READ_TIMEOUT_MS: String(HOSTILE_PDF_READ_TIMEOUT_MS) },
  });
  try {
    const tenant = await seedTenant(stack.dataSource, {
      dataEncryptionKey: stack.secrets.dataEncryptionKey,
      role: 'admin',
    });
    const apiToken = await requestApiToken(stack.apiUrl, tenant);
    if (!apiToken) throw new Error('the API issued no API token');
    const login = await fetch(`${stack.apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: tenant.username, password: tenant.password }),
    });
    const cookie = login.headers.getSetCookie().find((value) => value.startsWith('flowbot_session='));
    if (!cookie) throw new Error(`login answered ${login.status} without a session cookie`);
    return { stack, tenant, apiToken, sessionCookie: cookie.split(';')[0] };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/**
 * Every route the app declares, read from an app built in this process (the same code the API
 * child runs). Building needs no running services: deps are only used by requests.
 */
export function readRoutes(stack: ProcessStack): AnyRouteDefinition[] {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-hostile-config-'));
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const app = buildApp({
      config,
      dataSource: stack.dataSource,
      logger: createLogger({ level: 'silent' }),
      checkTemporal: async () => undefined,
    });
    return [...routeCatalogueOf(app)];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One answer as the attacks look at it. */
export interface HostileAnswer {
  status: number;
  contentType: string;
  text: string;
  ms: number;
}

/**
 * Sends one request with a hard deadline; a hang becomes status -1 (and fails the caller's
 * "no hang" check) instead of stalling the suite.
 */
export async function sendHostile(
  url: string,
  init: RequestInit,
  deadlineMs = 5_000,
): Promise<HostileAnswer> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(deadlineMs) });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text,
      ms: performance.now() - started,
    };
  } catch (error) {
    const hung = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { status: hung ? -1 : -2, contentType: '', text: String(error), ms: performance.now() - started };
  }
}

/** Calls the stack's API as the seeded admin (API token, JSON body), with a hard deadline. */
export function callApiAsAdmin(
  hostile: HostileStack,
  path: string,
  init: RequestInit = {},
  deadlineMs = 10_000,
): Promise<HostileAnswer> {
  return sendHostile(
    `${hostile.stack.apiUrl}${path}`,
    {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${hostile.apiToken}`,
        ...init.headers,
      },
    },
    deadlineMs,
  );
}

/**
 * What every answer to hostile input must be: no hang, no 5xx (unless the route documents that
 * status, e.g. 502 when the model fails), and on 4xx a JSON `{"error": "<text>"}` with no stack trace.
 * Returns the problem, or null.
 */
export function judgeAnswer(answer: HostileAnswer, documented5xx: readonly number[] = []): string | null {
  if (answer.status === -1) return `no answer within the deadline (${Math.round(answer.ms)} ms)`;
  if (answer.status === -2) return `connection failed: ${answer.text}`;
  if (answer.status >= 500 && !documented5xx.includes(answer.status))
    return `${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return `${answer.status} without a JSON body: ${answer.text.slice(0, 200)}`;
    }
    if (typeof body !== 'object' || body === null || typeof (body as { error?: unknown }).error !== 'string')
      return `${answer.status} body is not {"error"}: ${answer.text.slice(0, 200)}`;
    if (/\n\s+at .+\(.*:\d+:\d+\)/.test(answer.text)) return `${answer.status} leaks a stack trace`;
  }
  return null;
}
