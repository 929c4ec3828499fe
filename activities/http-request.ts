/**
 * The http_request node's activity. The engine has rendered the request; this sends it with a deadline,
 * a response size cap and the SSRF guard (see http/send-guarded-request.ts), follows a few redirects
 * (each one re-checked), and reads JSON or text. Expected failures — refused, 4xx/5xx, timeout, too
 * large — come back as `{ ok: false }` so the engine follows the node's failure edge; nothing is retried,
 * because a POST to someone else's API is not ours to repeat.
 */
import { Context, log } from '@temporalio/activity';
import type { HttpEffectRequest, HttpEffectValue } from '../workflows/engine/engine-action';
import {
  HttpRequestRefusedError,
  ResponseTooLargeError,
  sendGuardedRequest,
  type GuardedRequestOptions,
  type RawHttpResponse,
} from './http/send-guarded-request';

export interface HttpRequestOptions {
  /** HTTP_NODE_ALLOW_PRIVATE: let flows call loopback/private addresses (development only). */
  allowPrivateNetworks: boolean;
  /** Default 1 MiB. */
  maxResponseBytes?: number;
  /** When the node sets none. Default 10 s. */
  defaultTimeoutMs?: number;
  /** Upper bound on a node's own timeout. Default 30 s. */
  maxTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Test seam: resolve host names without DNS. */
  resolve?: GuardedRequestOptions['resolve'];
  /** Test seam: which addresses count as public. */
  isPublicAddress?: GuardedRequestOptions['isPublicAddress'];
}

/** What the activity returns: the engine's effect value, or why the request failed. */
export type HttpRequestResult =
  { ok: true; value: HttpEffectValue } | { ok: false; error: string; status?: number; body?: unknown };

/** The parts of a request that change as redirects are followed. */
interface OutgoingRequest {
  method: HttpEffectRequest['method'];
  headers: Record<string, string>;
  body?: string;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Creates the `performHttpRequest` activity. */
export function createHttpRequestActivity(options: HttpRequestOptions) {
  const guard: GuardedRequestOptions = {
    allowPrivateNetworks: options.allowPrivateNetworks,
    maxResponseBytes: options.maxResponseBytes ?? 1024 * 1024,
    resolve: options.resolve,
    isPublicAddress: options.isPublicAddress,
  };
  const maxRedirects = options.maxRedirects ?? 5;
  const maxTimeoutMs = options.maxTimeoutMs ?? 30_000;

  return {
    /** http_request: one rendered request → `{ ok: true, value: { status, body } }` or `{ ok: false, error }`. */
    async performHttpRequest(request: HttpEffectRequest): Promise<HttpRequestResult> {
      const timeoutMs = Math.max(
        1,
        Math.min(request.timeoutMs ?? options.defaultTimeoutMs ?? 10_000, maxTimeoutMs),
      );
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([deadline, Context.current().cancellationSignal]);
      const started = Date.now();
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return fail(`Invalid URL: ${request.url.slice(0, 200)}`);
      }
      let init: OutgoingRequest = {
        method: request.method,
        headers: withDefaultHeaders(request.headers, request.body),
        body: request.body,
      };
      try {
        for (let redirects = 0; ; redirects += 1) {
          const response = await sendGuardedRequest(url, init, guard, signal);
          const location = response.headers.location;
          if (!redirectStatuses.has(response.status) || !location) {
            const result = toResult(response);
            log.info('HTTP request finished', {
              method: init.method,
              target: describeTarget(url),
              status: response.status,
              durationMs: Date.now() - started,
            });
            return result;
          }
          if (redirects >= maxRedirects) return fail(`More than ${maxRedirects} redirects`);
          const next = new URL(location, url);
          init = redirectInit(init, response.status, next.origin !== url.origin);
          url = next;
        }
      } catch (error) {
        if (Context.current().cancellationSignal.aborted) throw error;
        const message = describeFailure(error, deadline.aborted, timeoutMs);
        log.warn('HTTP request failed', { method: init.method, target: describeTarget(url), error: message });
        return fail(message);
      }
    },
  };
}

function fail(error: string, extra: { status?: number; body?: unknown } = {}): HttpRequestResult {
  return { ok: false, error, ...extra };
}

function withDefaultHeaders(
  headers: Record<string, string>,
  body: string | undefined,
): Record<string, string> {
  const result: Record<string, string> = { 'user-agent': 'FlowBot/0.1 (http_request node)', accept: '*/*' };
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  // We do not decompress; asking for identity keeps the size cap honest.
  result['accept-encoding'] = 'identity';
  if (body !== undefined) {
    result['content-type'] ??= 'application/json';
    result['content-length'] = String(Buffer.byteLength(body));
  }
  return result;
}

/** 303 (and 301/302 after a POST, as browsers do) become a bodiless GET; credentials stay on their origin. */
function redirectInit(init: OutgoingRequest, status: number, crossOrigin: boolean): OutgoingRequest {
  const toGet = status === 303 || ((status === 301 || status === 302) && init.method === 'POST');
  const headers = { ...init.headers };
  if (crossOrigin) {
    delete headers.authorization;
    delete headers.cookie;
  }
  if (toGet) {
    delete headers['content-type'];
    delete headers['content-length'];
  }
  return toGet ? { method: 'GET', headers } : { ...init, headers };
}

function toResult(response: RawHttpResponse): HttpRequestResult {
  const text = response.body.toString('utf8');
  const contentType = String(response.headers['content-type'] ?? '');
  const body = /\bjson\b/i.test(contentType) ? parseJsonOr(text) : text;
  if (response.status >= 200 && response.status < 300)
    return { ok: true, value: { status: response.status, body } };
  return fail(`HTTP ${response.status} ${response.statusText}`.trim(), { status: response.status, body });
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeFailure(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `Timed out after ${timeoutMs} ms`;
  if (error instanceof HttpRequestRefusedError || error instanceof ResponseTooLargeError)
    return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'Connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Host name did not resolve';
  if (error instanceof Error && error.cause instanceof HttpRequestRefusedError) return error.cause.message;
  return `Request failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Origin and path only: query strings often carry API keys. */
function describeTarget(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
