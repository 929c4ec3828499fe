import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

// Node's own answers to these are bare status lines; ours carry the usual {"error"} body.
const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request headers are too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Request chunk extensions are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request timed out'],
};

/**
 * Answers, as `{"error"}`, the requests Node's HTTP server handles before Koa sees them: `CONNECT`
 * (Node hands the socket to 'connect' listeners, and without one silently drops it; we are no
 * proxy, so 405) and requests the parser refuses, e.g. a method HTTP does not define (400).
 */
export function answerRequestsKoaNeverSees(server: http.Server): void {
  server.on('connect', (_request: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    endWithError(socket, 405, 'Method CONNECT is not allowed');
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Nobody left to answer, or a response already under way (as Node's own handler checks).
    if (error.code === 'ECONNRESET' || !socket.writable || (socket as Socket).bytesWritten > 0) {
      socket.destroy();
      return;
    }
    const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad request'];
    endWithError(socket, status, message);
  });
}

function endWithError(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
