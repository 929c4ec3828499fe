import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerRequestsKoaNeverSees } from './answer-requests-koa-never-sees';
import { buildApp, type AppDeps } from './app';

/** A listening API server. */
export interface ApiServer {
  server: http.Server;
  port: number;
  /** Stops accepting connections and waits (up to `graceMs`) for requests in flight. */
  close(graceMs?: number): Promise<void>;
}

/** Builds the app from `deps` and listens on `port` (0 picks a free one) on every interface. */
export async function startApiServer(deps: AppDeps, port: number): Promise<ApiServer> {
  const server = http.createServer(buildApp(deps).callback());
  answerRequestsKoaNeverSees(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  let closing = false;
  // A client that keeps its connection busy (one request after another) would otherwise be served
  // on it until graceMs runs out: once closing, every answer ends its connection.
  server.on('request', (_request, response: http.ServerResponse) => {
    if (closing) response.setHeader('Connection', 'close');
  });
  const close = async (graceMs = 10_000) => {
    closing = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle keep-alive sockets would otherwise hold close() open until they time out.
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(timer);
  };
  return { server, port: (server.address() as AddressInfo).port, close };
}
