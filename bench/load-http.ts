/**
 * HTTP load through autocannon 9 (which ships no type declarations: the slice we use is typed
 * here). Every run is bounded by `durationSec` (or `amount`) and a per-request timeout.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  timeout: number;
  method?: string;
  headers?: Record<string, string>;
  requests?: {
    setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
    onResponse?: (status: number, body: string) => void;
  }[];
}

interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

/** One bounded load run against one route. */
export interface HttpLoadOptions {
  url: string;
  connections: number;
  /** Seconds of load. */
  durationSec: number;
  /** Builds each request (fresh ids, signatures); called by autocannon before every send. */
  buildRequest: () => { body: string; headers: Record<string, string>; path?: string };
  /** Sees every response (e.g. to collect ids for the loss check). */
  onResponse?: (status: number, body: string) => void;
  /** Per-request timeout, seconds (default 10). */
  timeoutSec?: number;
}

/** What a load run measured. */
export interface HttpLoadResult {
  requestsPerSecond: number;
  total: number;
  ok: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** non-2xx answers + connection errors + timeouts. */
  errors: number;
  statusCounts: Record<string, number>;
}

/** Runs autocannon with POST requests built by `buildRequest`. */
export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSec,
    timeout: options.timeoutSec ?? 10,
    method: 'POST',
    requests: [
      {
        setupRequest: (request) => {
          const built = options.buildRequest();
          return {
            ...request,
            method: 'POST',
            ...(built.path ? { path: built.path } : {}),
            headers: { 'content-type': 'application/json', ...built.headers },
            body: built.body,
          };
        },
        ...(options.onResponse ? { onResponse: options.onResponse } : {}),
      },
    ],
  });
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, Number(stat.count)]),
  );
  const ok = Object.entries(statusCounts)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    requestsPerSecond: Math.round(ok / result.duration),
    total: result.requests.total,
    ok,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.non2xx + result.errors + result.timeouts,
    statusCounts,
  };
}
