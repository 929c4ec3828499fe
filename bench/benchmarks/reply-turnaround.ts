/**
 * Reply turnaround: N conversations open at once, each waiting at its first question. Each customer
 * answers through the signed WhatsApp webhook after a think time (uniform 0–2 s, so N customers
 * offer about N/1 s replies per second), and the time from the webhook POST to the next message at
 * the fake Graph API is recorded; three turns per conversation. Each level is followed by the
 * bare-Temporal baseline with as many runs: HTTP POST → signal → one send, three turns each.
 * Targets at 100: p99 < 250 ms and ≤ 1.5× the bare signal → activity p99.
 */
import type { Benchmark, BenchContext } from '../bench-context';
import type { BareFigure, LoadPoint } from '../bench-result';
import { postBareReply, startBareConversation, type BareTemporal } from '../bare-temporal/bare-temporal';
import { watchGraph, type GraphWatch } from '../graph-watch';
import {
  besideBaseline,
  checkRatioTarget,
  checkTarget,
  mapWithConcurrency,
  measureBenchmark,
  withCpuPerOperation,
} from '../measure';
import { driveReplyTurns, replyTurnsPoint } from '../reply-turns';
import { SEEDED_ANSWERS } from '../../test/support/seed-tenant';
import {
  nextCustomerPhone,
  phoneDigits,
  postCustomerText,
  startConversationDirectly,
} from '../../test/support/stack-driver';

const THINK_TIME_MS = 2_000;
/** The opening template (which asks the first question) arrives before the first answer. */
const MESSAGES_BEFORE_FIRST_ANSWER = 1;
const ANSWER_TIMEOUT_MS = 30_000;

export const replyTurnaroundBenchmark: Benchmark = {
  id: 'reply-turnaround',
  title: 'Reply turnaround (signed webhook → next message at Graph)',
  baseline: true,
  run: (context) =>
    measureBenchmark(replyTurnaroundBenchmark.id, replyTurnaroundBenchmark.title, async () => {
      const levels = context.quick ? [50, 100, 200] : [125, 250, 500, 1000];
      const watch = watchGraph(context.stack.graph);
      const points: LoadPoint[] = [];
      const barePoints: LoadPoint[] = [];
      let at100: LoadPoint | undefined;
      let bareAt100: LoadPoint | undefined;
      const measureBoth = async (conversations: number, multiple: number) => {
        const point = await measureLevel(context, watch, conversations, multiple);
        const barePoint = context.bare
          ? await measureBareLevel(context, context.bare, watch, conversations, multiple)
          : undefined;
        return { point, barePoint };
      };
      try {
        // The target is stated at exactly 100; the doubling series uses its own base in full mode.
        if (!levels.includes(100)) ({ point: at100, barePoint: bareAt100 } = await measureBoth(100, 1));
        for (const [index, conversations] of levels.entries()) {
          const { point, barePoint } = await measureBoth(conversations, 2 ** index);
          points.push(point);
          if (barePoint) barePoints.push(barePoint);
          if (conversations === 100) [at100, bareAt100] = [point, barePoint];
        }
      } finally {
        watch.stop();
      }
      const largest = points.at(-1) as LoadPoint;
      const bareP99: BareFigure | undefined = bareAt100 && {
        value: bareAt100.p99Ms,
        unit: 'ms signal→activity p99',
      };
      const bareP50: BareFigure | undefined = bareAt100 && {
        value: bareAt100.p50Ms,
        unit: 'ms signal→activity p50',
      };
      const p99At100 = at100?.p99Ms ?? NaN;
      return {
        status: 'ok',
        metrics: {
          'p50 ms @100': at100?.p50Ms ?? NaN,
          'p99 ms @100': p99At100,
          [`p50 ms @${largest.load}`]: largest.p50Ms,
          [`p99 ms @${largest.load}`]: largest.p99Ms,
          'lost replies': points.reduce((sum, point) => sum + point.errors, 0) + (at100?.errors ?? 0),
        },
        ...(bareP50 && bareP99
          ? { baselineMetrics: { 'p50 ms @100': bareP50, 'p99 ms @100': bareP99 } }
          : {}),
        targets: [
          besideBaseline(
            checkTarget('reply turnaround p99 at 100 conversations', p99At100, 'ms', '<', 250),
            bareP99,
          ),
          ...(bareP99
            ? [
                checkRatioTarget(
                  'reply turnaround p99 at 100 vs bare signal→activity p99',
                  p99At100,
                  'ms',
                  bareP99,
                  '<=',
                  1.5,
                ),
              ]
            : []),
        ],
        series: {
          loadUnit: 'concurrent conversations',
          throughputUnit: 'replies/s',
          points,
          operation: 'reply',
          ...(context.bare
            ? {
                baseline: {
                  what: 'bare Temporal: HTTP POST → signal → one send (node:http, no signature, no row)',
                  throughputUnit: 'replies/s',
                  operation: 'reply',
                  points: barePoints,
                },
              }
            : {}),
        },
        notes: [
          `Each customer thinks uniformly 0–${THINK_TIME_MS / 1000} s before each answer; three answers per conversation.`,
          "Conversations are started in-process through startConversation (the trigger routes' service) before the clock starts; only the reply path is timed.",
          `"errors" = answers whose next message did not arrive within ${ANSWER_TIMEOUT_MS / 1000} s, or webhook answers other than 200.`,
          'Bare Temporal: right after each FlowBot level, as many runs of start → send → (signal → send) × 3, started through the bare HTTP route beforehand; the same customers (think time, three turns) POST each answer to a node:http route that signals the run, timed to the send at the same fake Graph. It leaves out the webhook signature check, the message row, the conversation lookup and the flow engine.',
          'CPU per reply: each process over the answering phase and until the stack went quiet after it (starting the conversations is not counted).',
        ],
      };
    }),
};

async function measureLevel(
  context: BenchContext,
  watch: GraphWatch,
  conversations: number,
  multiple: number,
): Promise<LoadPoint> {
  const { stack, tenant } = context;
  const phoneNumberId = tenant.accounts[0].phoneNumberId;
  const phones = Array.from({ length: conversations }, () => nextCustomerPhone());
  await mapWithConcurrency(phones, 25, (phone) => startConversationDirectly(stack, tenant, { phone }));
  return await timeTurns(
    context,
    watch,
    'turnaround',
    phones.map((phone) => ({ phone, to: phoneDigits(phone) })),
    multiple,
    (customer, turn) =>
      postCustomerText(stack, { phoneNumberId, from: customer.phone, text: `answer ${turn}` }),
  );
}

async function measureBareLevel(
  context: BenchContext,
  bare: BareTemporal,
  watch: GraphWatch,
  conversations: number,
  multiple: number,
): Promise<LoadPoint> {
  const recipients = Array.from({ length: conversations }, () => phoneDigits(nextCustomerPhone()));
  const runs = await mapWithConcurrency(recipients, 25, async (to) => ({
    to,
    workflowId: await startBareConversation(bare, to, SEEDED_ANSWERS),
  }));
  return await timeTurns(context, watch, 'bare signal→activity', runs, multiple, (run) =>
    postBareReply(bare, run.workflowId),
  );
}

/**
 * Once every party got its opening message, drives the turns and counts each process's CPU over
 * them (starting the conversations is left out).
 */
async function timeTurns<P extends { to: string }>(
  context: BenchContext,
  watch: GraphWatch,
  label: string,
  parties: P[],
  multiple: number,
  answer: (party: P, turn: number) => Promise<number>,
): Promise<LoadPoint> {
  await waitForOpenings(
    watch,
    parties.map((party) => party.to),
  );
  const point = await withCpuPerOperation(
    context.measuredProcesses(),
    async () =>
      replyTurnsPoint(
        await driveReplyTurns({
          parties,
          turns: SEEDED_ANSWERS,
          thinkMs: THINK_TIME_MS,
          answer,
          nextMessage: (party, turn) =>
            watch.waitForMessage(party.to, MESSAGES_BEFORE_FIRST_ANSWER + turn, ANSWER_TIMEOUT_MS),
        }),
        parties.length,
        multiple,
      ),
    (measured) => measured.extra?.answered ?? 0,
  );
  context.log(
    `  ${label} ${point.load} conversations: p50 ${point.p50Ms} p99 ${point.p99Ms} ms, ${point.throughput} replies/s, errors ${point.errors}`,
  );
  return point;
}

/** Waits until every recipient got its opening message (the run waits for an answer then). */
async function waitForOpenings(watch: GraphWatch, recipients: string[]): Promise<void> {
  const ready = await Promise.all(
    recipients.map((to) => watch.waitForMessage(to, MESSAGES_BEFORE_FIRST_ANSWER, 120_000)),
  );
  const notReady = ready.filter((message) => !message).length;
  if (notReady > 0)
    throw new Error(`${notReady} of ${recipients.length} conversations never reached their first question`);
}
