/**
 * One level of sustained sending, for FlowBot and for the bare-Temporal baseline alike: start one
 * run per recipient, wait until every expected message reached the fake Graph API, and read the
 * sustained rate of arrivals.
 */
import type { LoadPoint } from './bench-result';
import type { GraphWatch } from './graph-watch';
import { mapWithConcurrency } from './measure';
import { summarizeLatencies, sustainedRatePerSecond } from './stats';
import { phoneDigits, waitUntil } from '../test/support/stack-driver';

/** What one level sends. */
export interface SendingLevel {
  /** One recipient (E.164) per run. */
  phones: readonly string[];
  messagesPerRun: number;
  watch: GraphWatch;
  /** Starts the run for `phone`; called with at most 50 in flight. */
  start(phone: string, index: number): Promise<unknown>;
  multiple: number;
}

/**
 * Measures the level. p50/p99: time from the first start to a run's last message; errors: messages
 * that had not arrived after 120 s.
 */
export async function measureSendingLevel(level: SendingLevel): Promise<LoadPoint> {
  const { phones, watch } = level;
  const startedAt = performance.timeOrigin + performance.now();
  await mapWithConcurrency(phones, 50, level.start);
  const expected = phones.length * level.messagesPerRun;
  const delivered = () => phones.reduce((sum, phone) => sum + watch.messagesTo(phoneDigits(phone)).length, 0);
  await waitUntil(() => delivered() >= expected, 120_000, 250);
  const arrivals = phones.flatMap((phone) => watch.messagesTo(phoneDigits(phone)).map((m) => m.receivedAt));
  const lastMessageLatency = summarizeLatencies(
    phones.map((phone) => (watch.messagesTo(phoneDigits(phone)).at(-1)?.receivedAt ?? NaN) - startedAt),
  );
  return {
    multiple: level.multiple,
    load: phones.length,
    throughput: sustainedRatePerSecond(arrivals),
    p50Ms: lastMessageLatency.p50,
    p99Ms: lastMessageLatency.p99,
    errors: expected - arrivals.length,
    extra: { messages: arrivals.length },
  };
}
