/**
 * One HTTP exchange (no redirects) for the http_request node, with the SSRF guard applied where it
 * cannot be bypassed: in the socket's DNS lookup, so the address we check is the address we connect to
 * (no gap for DNS rebinding), and every address a name resolves to must be public.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './is-public-address';

/** The request refused before any byte went out: a non-public address or an unsupported URL. */
export class HttpRequestRefusedError extends Error {
  override readonly name = 'HttpRequestRefusedError';
}

/** The response body grew past the cap; the connection was dropped. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
}

export interface GuardedRequestOptions {
  allowPrivateNetworks: boolean;
  maxResponseBytes: number;
  /** Resolver for host names; injectable so tests can make any name resolve anywhere. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
  /** Which addresses count as public; injectable so tests can stand a loopback server in for a public one. */
  isPublicAddress?: (address: string) => boolean;
}

export interface RawHttpResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request to `url`. Rejects with the typed errors above, or the socket's own errors. */
export async function sendGuardedRequest(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  options: GuardedRequestOptions,
  signal: AbortSignal,
): Promise<RawHttpResponse> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpRequestRefusedError(`Only http and https URLs are allowed, not ${url.protocol}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node connects to IP literals without calling `lookup`, so they are checked here.
  const isPublic = options.isPublicAddress ?? isPublicAddress;
  if (isIP(host) && !options.allowPrivateNetworks && !isPublic(host)) {
    throw new HttpRequestRefusedError(`Refused to call ${host}: not a public address`);
  }
  const transport = url.protocol === 'https:' ? https : http;
  const resolve = options.resolve ?? resolveAll;

  return new Promise<RawHttpResponse>((settle, fail) => {
    const request = transport.request(
      url,
      {
        method: init.method,
        headers: init.headers,
        signal,
        // A fresh connection per request: a pooled socket could have been checked under another rule.
        agent: false,
        lookup: createGuardedLookup(resolve, options.allowPrivateNetworks ? () => true : isPublic),
      },
      (response) => {
        const declared = Number(response.headers['content-length']);
        if (declared > options.maxResponseBytes) {
          response.destroy();
          fail(tooLarge(options.maxResponseBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > options.maxResponseBytes) {
            response.destroy();
            fail(tooLarge(options.maxResponseBytes));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          settle({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', fail);
      },
    );
    request.on('error', fail);
    request.end(init.body);
  });
}

function tooLarge(maxBytes: number): ResponseTooLargeError {
  return new ResponseTooLargeError(`Response larger than ${maxBytes} bytes`);
}

async function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((settle, fail) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? fail(error) : settle(addresses),
    ),
  );
}

/** A `net` lookup that resolves every address of a name and refuses the name if any is not public. */
function createGuardedLookup(
  resolve: (hostname: string) => Promise<LookupAddress[]>,
  isAllowed: (address: string) => boolean,
): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (resolved) => {
        const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        const addresses = resolved.filter((entry) => family === 0 || entry.family === family);
        const blocked = addresses.find((entry) => !isAllowed(entry.address));
        if (addresses.length === 0) {
          callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), '', 0);
        } else if (blocked) {
          callback(
            new HttpRequestRefusedError(`Refused to call ${hostname}: it resolves to a non-public address`),
            '',
            0,
          );
        } else if (lookupOptions.all) {
          (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
