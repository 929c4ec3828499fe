/**
 * The customers of the reply-turnaround benchmark, for FlowBot and for the bare-Temporal baseline
 * alike: each party answers `turns` times after a think time, and the time from its answer to its
 * next message at the fake Graph API is one sample.
 */
import type { WatchedMessage } from './graph-watch';
import type { LoadPoint } from './bench-result';
import { summarizeLatencies } from './stats';
import { sleep } from '../test/support/child-service';

/** How the parties answer and how their next message is awaited. */
export interface ReplyTurnsOptions<P> {
  parties: readonly P[];
  turns: number;
  /** Each answer waits uniformly 0–thinkMs first, so N parties offer about N / (thinkMs / 2) answers/s. */
  thinkMs: number;
  /** Sends the answer; resolves with the HTTP status (200 = accepted). */
  answer(party: P, turn: number): Promise<number>;
  /** The party's next message after answer `turn`, or null when it did not come in time. */
  nextMessage(party: P, turn: number): Promise<WatchedMessage | null>;
}

/** Latencies of the answers that got their next message, and how many did not. */
export interface ReplyTurnsOutcome {
  latencies: number[];
  errors: number;
  durationMs: number;
}

/** Drives every party's turns at once. A party stops at its first unanswered turn. */
export async function driveReplyTurns<P>(options: ReplyTurnsOptions<P>): Promise<ReplyTurnsOutcome> {
  const latencies: number[] = [];
  let errors = 0;
  const started = Date.now();
  await Promise.all(
    options.parties.map(async (party) => {
      for (let turn = 1; turn <= options.turns; turn++) {
        await sleep(Math.random() * options.thinkMs);
        const postedAt = performance.timeOrigin + performance.now();
        const status = await options.answer(party, turn).catch(() => 0);
        const next = await options.nextMessage(party, turn);
        if (status !== 200 || !next) {
          errors += 1;
          return;
        }
        latencies.push(next.receivedAt - postedAt);
      }
    }),
  );
  return { latencies, errors, durationMs: Date.now() - started };
}

/** The load point of one level of turns. */
export function replyTurnsPoint(outcome: ReplyTurnsOutcome, load: number, multiple: number): LoadPoint {
  const summary = summarizeLatencies(outcome.latencies);
  return {
    multiple,
    load,
    throughput: Math.round((outcome.latencies.length / outcome.durationMs) * 1000),
    p50Ms: summary.p50,
    p99Ms: summary.p99,
    errors: outcome.errors,
    extra: { maxMs: summary.max, answered: outcome.latencies.length },
  };
}
