/**
 * A small typed client for the one Graph API call we make: sending a message. The base URL and version
 * are configurable so tests, demos and proxies can stand in for graph.facebook.com.
 */
import { GraphApiError, GraphTransportError, type GraphErrorBody } from './errors';
import type { GraphMessagePayload } from './graph-payload';

export interface GraphClientOptions {
  /** e.g. `https://graph.facebook.com` (no trailing version). */
  baseUrl: string;
  /** e.g. `v21.0`. */
  apiVersion: string;
  /** Deadline for one request, connection included. */
  timeoutMs: number;
}

/** The business number to send from. */
export interface GraphSender {
  phoneNumberId: string;
  accessToken: string;
}

export interface GraphClient {
  /**
   * Sends one message. Resolves with the wamid Graph assigned; rejects with `GraphApiError` (Graph said
   * no) or `GraphTransportError` (no usable answer, including our timeout).
   */
  sendMessage(
    sender: GraphSender,
    payload: GraphMessagePayload,
    signal?: AbortSignal,
  ): Promise<{ waMessageId: string }>;
}

/** Creates a client bound to one Graph base URL and version. */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async sendMessage(sender, payload, signal) {
      const url = `${base}/${options.apiVersion}/${encodeURIComponent(sender.phoneNumberId)}/messages`;
      const deadline = AbortSignal.timeout(options.timeoutMs);
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${sender.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(payload),
          signal: signal ? AbortSignal.any([deadline, signal]) : deadline,
        });
        text = await response.text();
      } catch (error) {
        const timedOut = deadline.aborted;
        const reason = timedOut ? `timed out after ${options.timeoutMs} ms` : 'failed';
        throw new GraphTransportError(`Graph API request ${reason}`, timedOut, { cause: error });
      }
      const body = parseJson(text);
      if (!response.ok) {
        throw new GraphApiError(
          response.status,
          readGraphError(body, response.status),
          readRetryAfter(response),
        );
      }
      const waMessageId = readWaMessageId(body);
      if (!waMessageId) {
        throw new GraphTransportError(`Graph API answered ${response.status} without a message id`, false);
      }
      return { waMessageId };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readGraphError(body: unknown, status: number): GraphErrorBody {
  const error = (body as { error?: Partial<GraphErrorBody> } | undefined)?.error;
  if (error && typeof error.code === 'number' && typeof error.message === 'string') {
    return error as GraphErrorBody;
  }
  // A proxy or load balancer answered instead of Graph: keep the status, invent no Graph code.
  return { message: `HTTP ${status} without a Graph error body`, code: 0 };
}

function readWaMessageId(body: unknown): string | undefined {
  const id = (body as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function readRetryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
