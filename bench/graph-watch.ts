/**
 * Follows what the fake Graph API accepted, per recipient, so a benchmark can wait for "the next
 * message to this customer" and read when it arrived (the fake stamps `receivedAt` on arrival, so
 * the polling interval here does not blur latencies).
 */
import type { FakeGraphApi } from '../test/support/fake-graph-api';

/** One accepted message as the watch sees it. */
export interface WatchedMessage {
  receivedAt: number;
  waMessageId: string;
  phoneNumberId: string | null;
}

/** See {@link watchGraph}. */
export interface GraphWatch {
  /** Accepted messages to `toDigits` so far, oldest first. */
  messagesTo(toDigits: string): WatchedMessage[];
  /** Resolves with the `count`-th message to `toDigits` (1-based), or null after `timeoutMs`. */
  waitForMessage(toDigits: string, count: number, timeoutMs: number): Promise<WatchedMessage | null>;
  /** Arrival times of every accepted message since the watch started. */
  arrivals(): number[];
  stop(): void;
}

/** Starts following `graph` from its current end. */
export function watchGraph(graph: FakeGraphApi, pollMs = 5): GraphWatch {
  let next = graph.requests.length;
  const byRecipient = new Map<string, WatchedMessage[]>();
  const arrivals: number[] = [];
  const waiters = new Set<{ to: string; count: number; resolve: (m: WatchedMessage | null) => void }>();

  const scan = () => {
    // reset() empties the array: start again from its beginning rather than miss everything.
    if (graph.requests.length < next) next = 0;
    for (; next < graph.requests.length; next++) {
      const request = graph.requests[next];
      if (!request.waMessageId || !request.to) continue;
      const message = {
        receivedAt: request.receivedAt,
        waMessageId: request.waMessageId,
        phoneNumberId: request.phoneNumberId,
      };
      const list = byRecipient.get(request.to) ?? [];
      list.push(message);
      byRecipient.set(request.to, list);
      arrivals.push(message.receivedAt);
    }
    for (const waiter of waiters) {
      const message = byRecipient.get(waiter.to)?.[waiter.count - 1];
      if (message) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  };
  const timer = setInterval(scan, pollMs);

  return {
    messagesTo: (to) => {
      scan();
      return [...(byRecipient.get(to) ?? [])];
    },
    waitForMessage: (to, count, timeoutMs) => {
      scan();
      const ready = byRecipient.get(to)?.[count - 1];
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve) => {
        const waiter = {
          to,
          count,
          resolve: (message: WatchedMessage | null) => {
            clearTimeout(deadline);
            resolve(message);
          },
        };
        const deadline = setTimeout(() => {
          waiters.delete(waiter);
          resolve(null);
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    arrivals: () => {
      scan();
      return [...arrivals];
    },
    stop: () => {
      clearInterval(timer);
      for (const waiter of waiters) waiter.resolve(null);
      waiters.clear();
    },
  };
}
