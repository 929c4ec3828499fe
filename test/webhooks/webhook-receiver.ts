/**
 * A receiver of FlowBot's event webhooks for tests: a real node:http server on loopback that records
 * every request (headers, exact body) and answers what `answer` decides, and the verification the
 * integration guide documents, written again here so a test checks the documented algorithm.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

export type ReceiverAnswer = number | { status: number; json: unknown };

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status to answer a request with (default 200), or a status and a JSON body. */
  answer: (request: {
    headers: http.IncomingHttpHeaders;
    body: string;
  }) => Promise<ReceiverAnswer> | ReceiverAnswer;
  stop(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 at `/hooks/flowbot`. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer: () => 200,
    stop: async () => undefined,
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      void Promise.resolve(receiver.answer({ headers: request.headers, body })).then((answer) => {
        const status = typeof answer === 'number' ? answer : answer.status;
        receiver.received.push({ headers: request.headers, body, status });
        if (typeof answer !== 'number') {
          response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.json));
        } else {
          response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : 'try later');
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/flowbot`;
  receiver.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/**
 * The guide's verification: `X-FlowBot-Signature` is `v1=` + hex HMAC-SHA256(secret,
 * `<X-FlowBot-Timestamp>.<raw body>`), compared in constant time, timestamp within 5 minutes.
 */
export function verifyWebhook(
  secret: string,
  headers: http.IncomingHttpHeaders,
  body: string,
  nowMs = Date.now(),
): boolean {
  const timestamp = String(headers['x-flowbot-timestamp'] ?? '');
  const signature = String(headers['x-flowbot-signature'] ?? '');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > 300) return false;
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return (
    expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}
