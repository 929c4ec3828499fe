/**
 * Paces sends so one business number never exceeds its WhatsApp throughput tier (80 messages/s by
 * default, up to 1,000). A token bucket per phone_number_id that delays a send until its turn; nothing
 * is dropped. In-process: with several workers, give each a share of the tier (tier / worker count).
 */

export interface SendPacerOptions {
  /** Messages per second when a caller gives no rate for its number. */
  defaultRatePerSecond: number;
  /**
   * Sends allowed back to back before pacing starts. 1 (the default) spaces every send by 1/rate, so no
   * one-second window ever holds more than `rate` sends; a larger burst trades that for lower latency.
   */
  burst?: number;
  /** Epoch ms; injectable so tests control time. */
  now?: () => number;
  /** Waits `ms`; rejects when `signal` aborts. Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface SendPacer {
  /**
   * Resolves when `phoneNumberId` may send one more message at `ratePerSecond` (else the default).
   * Concurrent callers are served in call order.
   */
  acquire(phoneNumberId: string, ratePerSecond?: number, signal?: AbortSignal): Promise<void>;
}

interface Bucket {
  /** May go negative: each waiting caller has reserved a future token. */
  tokens: number;
  updatedAt: number;
}

/** Creates a pacer holding one bucket per business number. */
export function createSendPacer(options: SendPacerOptions): SendPacer {
  const burst = Math.max(1, options.burst ?? 1);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const buckets = new Map<string, Bucket>();

  return {
    async acquire(phoneNumberId, ratePerSecond, signal) {
      const rate = ratePerSecond && ratePerSecond > 0 ? ratePerSecond : options.defaultRatePerSecond;
      const at = now();
      const bucket = buckets.get(phoneNumberId) ?? { tokens: burst, updatedAt: at };
      bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.updatedAt) * rate) / 1000);
      bucket.updatedAt = at;
      bucket.tokens -= 1;
      buckets.set(phoneNumberId, bucket);
      if (bucket.tokens >= 0) return;
      // A cancelled caller keeps its slot: handing it back could put two sends on one later slot.
      await sleep((-bucket.tokens * 1000) / rate, signal);
    },
  };
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
