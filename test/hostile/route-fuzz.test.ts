/**
 * Property-based fuzzing of every declared route (read from the route catalogue, so new routes are
 * covered without touching this file): generated path ids, query strings, bodies (valid JSON, broken
 * JSON, near-valid objects with the route's own field names) and headers (content types, real and
 * forged credentials, signatures, idempotency keys). Every answer must come within the deadline,
 * never be a 5xx the route does not document, and every 4xx must be `{"error": "…"}`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { AnyRouteDefinition } from '../../api/routing/route-definition';
import {
  FULL,
  judgeAnswer,
  readRoutes,
  sendHostile,
  startHostileStack,
  type HostileStack,
} from './hostile-kit';

/** Generated requests per route: ~45 routes × 50 ≈ 2,000 in the quick form, × 300 ≈ 13,000 in full. */
const RUNS_PER_ROUTE = FULL ? 300 : 50;

let hostile: HostileStack;
let routes: AnyRouteDefinition[];
before(async () => {
  hostile = await startHostileStack();
  // Credential-changing routes last, so they do not strip the credentials the other routes use.
  routes = readRoutes(hostile.stack).sort(
    (a, b) => Number(/rotate|logout/.test(a.path)) - Number(/rotate|logout/.test(b.path)),
  );
});
after(() => hostile?.stack.stop());

const hostileStrings = fc.constantFrom(
  '../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  "' OR '1'='1",
  "1'; DROP TABLE users;--",
  '"; SELECT pg_sleep(10);--',
  '\u0000',
  '%00',
  '😀'.repeat(40),
  'a'.repeat(3000),
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '-1',
  '1e309',
  'NaN',
  'null',
  '00000000-0000-0000-0000-000000000000',
);
const idValue = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), hostileStrings, fc.integer().map(String));
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileStrings);
/** Header values must be ByteStrings for fetch: printable ASCII only. */
const headerText = fc.string({ maxLength: 80 }).map((text) => text.replace(/[^\x20-\x7e]/g, 'x'));

/** Field names of a zod object schema (best effort), so bodies look nearly right. */
function fieldNames(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

function bodyFor(route: AnyRouteDefinition) {
  const names = [...fieldNames(route.request?.body), 'phone', 'flowId', 'name', 'drawflowData', 'data'];
  return fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.dictionary(fc.constantFrom(...names), anyValue, { maxKeys: 8 }).map((value) => JSON.stringify(value)),
    fc.constantFrom('{', '{"a":', '[1,2', 'null', '""', '{"__proto__":{"admin":true}}', '\u0000'),
  );
}

const queryFor = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'limit',
      'offset',
      'cursor',
      'status',
      'flowId',
      'userId',
      'stats',
      'hub.mode',
      'hub.verify_token',
      'hub.challenge',
    ),
    fc.string({ maxLength: 10 }),
  ),
  fc.oneof(fc.string({ maxLength: 60 }), hostileStrings, fc.integer().map(String)),
  { maxKeys: 4 },
);

const credentials = fc.constantFrom(
  'api-token',
  'session-cookie',
  'none',
  'forged-bearer',
  'garbage-cookie',
  'flow-token',
);

test(
  `every declared route survives ${RUNS_PER_ROUTE} generated requests each`,
  { timeout: 900_000 },
  async (t) => {
    assert.ok(routes.length >= 10, `only ${routes.length} routes in the catalogue`);
    const statusCounts = new Map<number, number>();
    let total = 0;
    for (const route of routes) {
      const documented5xx = Object.keys(route.responses)
        .map(Number)
        .filter((status) => status >= 500);
      const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...paramNames.map(() => idValue)),
          fc.boolean(),
          queryFor,
          bodyFor(route),
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            '',
          ),
          credentials,
          fc.option(headerText),
          fc.option(headerText),
          async (ids, rawIds, query, body, contentType, credential, signature, idempotencyKey) => {
            let urlPath = route.path;
            paramNames.forEach((name, index) => {
              const value = String(ids[index]);
              // Raw ids let "/" and ".." through to the router; encoded ones reach the handler.
              urlPath = urlPath.replace(
                `{${name}}`,
                rawIds ? value.replace(/[?#\s]/g, '_') : encodeURIComponent(value),
              );
            });
            const search = new URLSearchParams(query as Record<string, string>).toString();
            const headers: Record<string, string> = {};
            if (contentType) headers['content-type'] = contentType;
            if (credential === 'api-token') headers.authorization = `Bearer ${hostile.apiToken}`;
            if (credential === 'session-cookie') headers.cookie = hostile.sessionCookie;
            if (credential === 'forged-bearer') headers.authorization = `Bearer ${signature ?? 'x.y.z'}`;
            if (credential === 'garbage-cookie') headers.cookie = `flowbot_session=${signature ?? 'garbage'}`;
            if (credential === 'flow-token') headers.authorization = `Bearer ${hostile.tenant.outboundToken}`;
            if (signature) {
              headers['x-signature-256'] = signature;
              headers['x-hub-signature-256'] = `sha256=${signature}`;
            }
            if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
            const method = route.method.toUpperCase();
            const answer = await sendHostile(
              `${hostile.stack.apiUrl}${urlPath}${search ? `?${search}` : ''}`,
              {
                method,
                headers,
                body: method === 'GET' || method === 'DELETE' ? undefined : body,
              },
            );
            total += 1;
            statusCounts.set(answer.status, (statusCounts.get(answer.status) ?? 0) + 1);
            const problem = judgeAnswer(answer, documented5xx);
            assert.equal(problem, null, `${method} ${urlPath}${search ? `?${search}` : ''} → ${problem}`);
          },
        ),
        { numRuns: RUNS_PER_ROUTE, seed: Number(process.env.FLOWBOT_FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
    }
    assert.equal(hostile.stack.api.process.exitCode, null, 'the API process must still be running');
    t.diagnostic(
      `${routes.length} routes, ${total} requests; statuses ${JSON.stringify(Object.fromEntries(statusCounts))}`,
    );
  },
);
