/**
 * The loopback plumbing the fakes (Graph API, OpenAI) share: a plain `http.createServer` on
 * 127.0.0.1 with an OS-chosen port that hands each request to the fake with its whole body read,
 * JSON answers with an optional delay, and requests held open without an answer until the client
 * gives up or the server stops.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request; `raw` is the whole request body as UTF-8. */
export type FakeRequestHandler = (req: http.IncomingMessage, res: http.ServerResponse, raw: string) => void;

export interface FakeHttpServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  origin: string;
  /** Leaves `res` unanswered (the client's timeout fires); `stop` destroys it. */
  hold(res: http.ServerResponse): void;
  /** Cuts held and open connections and closes the server. */
  stop(): Promise<void>;
}

export async function startFakeHttpServer(
  handle: FakeRequestHandler,
  options: { keepAliveTimeout?: number } = {},
): Promise<FakeHttpServer> {
  const held = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hold: (res) => {
      held.add(res);
      res.on('close', () => held.delete(res));
    },
    stop: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers `payload` as JSON, after `latencyMs` when it is above 0; a no-op once the client is gone. */
export function sendJson(res: http.ServerResponse, status: number, payload: unknown, latencyMs = 0): void {
  const text = JSON.stringify(payload);
  const send = (): void => {
    if (res.destroyed) return;
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  if (latencyMs > 0) setTimeout(send, latencyMs);
  else send();
}
