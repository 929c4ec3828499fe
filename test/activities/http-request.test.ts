/** The http_request activity against a real loopback server: results, limits and the SSRF guard. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import {
  createHttpRequestActivity,
  type HttpRequestOptions,
  type HttpRequestResult,
} from '../../activities/http-request';
import { isPublicAddress } from '../../activities/http/is-public-address';
import type { HttpEffectRequest } from '../../workflows/engine/engine-action';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Routes of the target server, keyed by path. */
const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
  '/json': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ order: { id: 42, status: 'shipped' } }));
  },
  '/text': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('plain words');
  },
  '/echo': (req, res) => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ created: true }));
  },
  '/missing': (_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'no such order' }));
  },
  '/broken': (_req, res) => {
    res.writeHead(500);
    res.end('oops');
  },
  '/slow': (_req, res) => {
    setTimeout(() => res.end('late'), 1000).unref();
  },
  '/huge-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (let i = 0; i < 32; i += 1) res.write(chunk);
    res.end();
  },
  '/huge-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(5 * 1024 * 1024) });
    res.write('a');
  },
  '/redirect-to-json': (_req, res) => {
    res.writeHead(302, { location: '/json' });
    res.end();
  },
  '/see-other': (_req, res) => {
    res.writeHead(303, { location: '/echo' });
    res.end();
  },
  '/loop': (_req, res) => {
    res.writeHead(302, { location: '/loop' });
    res.end();
  },
  '/redirect-to-metadata': (_req, res) => {
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
    res.end();
  },
};

describe('performHttpRequest', () => {
  let server: http.Server;
  let port: number;
  const received: Received[] = [];

  const run = (
    request: Partial<HttpEffectRequest> & { url: string },
    options: Partial<HttpRequestOptions> = {},
  ) => {
    const { performHttpRequest } = createHttpRequestActivity({ allowPrivateNetworks: true, ...options });
    const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
    return env.run<[HttpEffectRequest], HttpRequestResult, typeof performHttpRequest>(performHttpRequest, {
      method: 'GET',
      headers: {},
      ...request,
    });
  };
  const url = (path: string, host = '127.0.0.1') => `http://${host}:${port}${path}`;

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        const route = routes[req.url ?? ''];
        if (route) route(req, res);
        else res.writeHead(404).end();
      });
    });
    // 0.0.0.0 so the server also answers on localhost and other loopback addresses.
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
  });

  it('returns status and parsed JSON on success', async () => {
    assert.deepEqual(await run({ url: url('/json') }), {
      ok: true,
      value: { status: 200, body: { order: { id: 42, status: 'shipped' } } },
    });
  });

  it('returns text bodies as text', async () => {
    assert.deepEqual(await run({ url: url('/text') }), {
      ok: true,
      value: { status: 200, body: 'plain words' },
    });
  });

  it('sends method, headers and body as rendered', async () => {
    const result = await run({
      url: url('/echo'),
      method: 'POST',
      headers: { Authorization: 'Bearer crm-key', 'X-Trace': 'abc' },
      body: '{"phone":"+4915112345678"}',
    });
    assert.deepEqual(result, { ok: true, value: { status: 201, body: { created: true } } });
    const [request] = received;
    assert.equal(request.method, 'POST');
    assert.equal(request.headers.authorization, 'Bearer crm-key');
    assert.equal(request.headers['x-trace'], 'abc');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.body, '{"phone":"+4915112345678"}');
  });

  it('returns 4xx and 5xx as failures with the status and body, without throwing', async () => {
    assert.deepEqual(await run({ url: url('/missing') }), {
      ok: false,
      error: 'HTTP 404 Not Found',
      status: 404,
      body: { error: 'no such order' },
    });
    const broken = await run({ url: url('/broken') });
    assert.equal(broken.ok, false);
    assert.equal(!broken.ok && broken.status, 500);
  });

  it('times out at the node’s timeout', async () => {
    const started = Date.now();
    assert.deepEqual(await run({ url: url('/slow'), timeoutMs: 100 }), {
      ok: false,
      error: 'Timed out after 100 ms',
    });
    assert.ok(Date.now() - started < 900);
  });

  it('caps the response size, streamed or declared', async () => {
    for (const path of ['/huge-chunked', '/huge-declared']) {
      assert.deepEqual(await run({ url: url(path) }, { maxResponseBytes: 1024 * 1024 }), {
        ok: false,
        error: 'Response larger than 1048576 bytes',
      });
    }
  });

  it('reports a refused connection and an invalid URL as failures', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    assert.deepEqual(await run({ url: `http://127.0.0.1:${closedPort}/` }), {
      ok: false,
      error: 'Connection refused',
    });
    assert.equal((await run({ url: 'not a url' })).ok, false);
  });

  it('follows redirects; 303 turns a POST into a GET', async () => {
    assert.deepEqual(await run({ url: url('/redirect-to-json') }), {
      ok: true,
      value: { status: 200, body: { order: { id: 42, status: 'shipped' } } },
    });
    await run({ url: url('/see-other'), method: 'POST', body: '{}' });
    assert.deepEqual(
      received.map((request) => [request.method, request.url, request.body]),
      [
        ['GET', '/redirect-to-json', ''],
        ['GET', '/json', ''],
        ['POST', '/see-other', '{}'],
        ['GET', '/echo', ''],
      ],
    );
  });

  it('stops after 5 redirects', async () => {
    assert.deepEqual(await run({ url: url('/loop') }), { ok: false, error: 'More than 5 redirects' });
    assert.equal(received.length, 6);
  });

  it('drops credentials on a redirect to another origin', async () => {
    routes['/to-other-origin'] = (_req, res) => {
      res.writeHead(307, { location: url('/json', 'localhost') });
      res.end();
    };
    await run({ url: url('/to-other-origin'), headers: { authorization: 'Bearer crm-key' } });
    assert.deepEqual(
      received.map((request) => request.headers.authorization ?? null),
      ['Bearer crm-key', null],
    );
  });

  describe('SSRF guard (default: private networks refused)', () => {
    const refused = [
      ['loopback IPv4', () => url('/json')],
      ['localhost by name', () => url('/json', 'localhost')],
      ['loopback IPv6', () => url('/json', '[::1]')],
      ['IPv4-mapped IPv6 loopback', () => url('/json', '[::ffff:127.0.0.1]')],
      ['another loopback address', () => url('/json', '127.1.2.3')],
      ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
      ['a private network', () => 'http://10.1.2.3/'],
      ['the unspecified address', () => url('/json', '0.0.0.0')],
    ] as const;
    for (const [name, target] of refused) {
      it(`refuses ${name} before any byte is sent`, async () => {
        const result = await run({ url: target(), timeoutMs: 2000 }, { allowPrivateNetworks: false });
        assert.equal(result.ok, false);
        assert.match(!result.ok ? result.error : '', /^Refused to call/);
        assert.equal(received.length, 0);
      });
    }

    it('refuses a name when any of its addresses is private', async () => {
      const result = await run(
        { url: 'http://mixed.example.test/' },
        {
          allowPrivateNetworks: false,
          resolve: async () => [
            { address: '93.184.216.34', family: 4 },
            { address: '127.0.0.1', family: 4 },
          ],
        },
      );
      assert.deepEqual(result, {
        ok: false,
        error: 'Refused to call mixed.example.test: it resolves to a non-public address',
      });
    });

    it('refuses a redirect from a public server to a private address', async () => {
      // The loopback server stands in for a public one; the redirect target is checked on its own.
      const result = await run(
        { url: url('/redirect-to-metadata') },
        { allowPrivateNetworks: false, isPublicAddress: (a) => a === '127.0.0.1' || isPublicAddress(a) },
      );
      assert.deepEqual(result, { ok: false, error: 'Refused to call 169.254.169.254: not a public address' });
      assert.equal(received.length, 1);
    });

    it('refuses schemes other than http and https', async () => {
      const result = await run({ url: 'file:///etc/passwd' }, { allowPrivateNetworks: false });
      assert.deepEqual(result, { ok: false, error: 'Only http and https URLs are allowed, not file:' });
    });

    it('allows loopback when allowPrivateNetworks is configured', async () => {
      assert.equal((await run({ url: url('/json', 'localhost') }, { allowPrivateNetworks: true })).ok, true);
    });
  });
});
