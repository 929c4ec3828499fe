/**
 * Sustained sending: many conversations, each sending a burst of text messages as fast as the flow
 * allows, spread over several business numbers; the rate at which the fake Graph API accepts them.
 * Runs are started as inbound conversations (the window is open, so no template is needed) through
 * the trigger routes' service. Target: ≥ 1,000 messages/s.
 */
import type { Benchmark } from '../bench-context';
import type { LoadPoint } from '../bench-result';
import { BENCH_MESSAGES_PER_SECOND } from '../stack';
import { watchGraph } from '../graph-watch';
import { bestPoint, checkTarget, LOAD_MULTIPLES, mapWithConcurrency, measureBenchmark } from '../measure';
import { summarizeLatencies, sustainedRatePerSecond } from '../stats';
import { flow } from '../../test/support/flow-builder';
import { seedFlowForAccount } from '../../test/support/seed-tenant';
import {
  freshWaMessageId,
  nextCustomerPhone,
  phoneDigits,
  startConversationDirectly,
  waitUntil,
} from '../../test/support/stack-driver';

const MESSAGES_PER_CONVERSATION = 10;

/** start → ten texts → end. */
function buildBurstFlow(): Record<string, unknown> {
  const builder = flow().start();
  for (let i = 1; i <= MESSAGES_PER_CONVERSATION; i++)
    builder.then('message', { text: `Update ${i} of ${MESSAGES_PER_CONVERSATION}` });
  return builder.then('end', {}).build() as unknown as Record<string, unknown>;
}

export const sustainedSendingBenchmark: Benchmark = {
  id: 'sustained-sending',
  title: 'Sustained sending to the Graph API (many conversations, several numbers)',
  run: (context) =>
    measureBenchmark(sustainedSendingBenchmark.id, sustainedSendingBenchmark.title, async () => {
      const { stack, tenant } = context;
      const document = buildBurstFlow();
      const flowIds = await Promise.all(
        tenant.accounts.map((account) =>
          seedFlowForAccount(stack.dataSource, tenant, account.id, stack.secrets.dataEncryptionKey, document),
        ),
      );
      const base = context.quick ? 13 : 25;
      const watch = watchGraph(stack.graph);
      const points: LoadPoint[] = [];
      try {
        for (const multiple of LOAD_MULTIPLES) {
          const conversations = base * multiple;
          const phones = Array.from({ length: conversations }, () => nextCustomerPhone());
          const startedAt = performance.timeOrigin + performance.now();
          await mapWithConcurrency(phones, 50, (phone, index) =>
            startConversationDirectly(stack, tenant, {
              phone,
              flowId: flowIds[index % flowIds.length],
              trigger: {
                source: 'inbound',
                firstMessage: {
                  waMessageId: freshWaMessageId(),
                  type: 'text',
                  text: 'hi',
                  sentAt: Date.now(),
                },
              },
            }),
          );
          const expected = conversations * MESSAGES_PER_CONVERSATION;
          const delivered = () =>
            phones.reduce((sum, phone) => sum + watch.messagesTo(phoneDigits(phone)).length, 0);
          await waitUntil(() => delivered() >= expected, 120_000, 250);
          const arrivals = phones.flatMap((phone) =>
            watch.messagesTo(phoneDigits(phone)).map((m) => m.receivedAt),
          );
          const lastMessageLatency = summarizeLatencies(
            phones.map(
              (phone) => (watch.messagesTo(phoneDigits(phone)).at(-1)?.receivedAt ?? NaN) - startedAt,
            ),
          );
          points.push({
            multiple,
            load: conversations,
            throughput: sustainedRatePerSecond(arrivals),
            p50Ms: lastMessageLatency.p50,
            p99Ms: lastMessageLatency.p99,
            errors: expected - arrivals.length,
            extra: { messages: arrivals.length },
          });
          context.log(
            `  sending ${conversations} conversations × ${MESSAGES_PER_CONVERSATION}: ${points.at(-1)?.throughput} messages/s, missing ${expected - arrivals.length}`,
          );
        }
      } finally {
        watch.stop();
      }
      const best = bestPoint(points) as LoadPoint;
      return {
        status: 'ok',
        metrics: {
          'messages/s (best)': best.throughput,
          'at conversations': best.load,
          missing: points.reduce((sum, point) => sum + point.errors, 0),
        },
        targets: [checkTarget('sustained sending', best.throughput, 'messages/s', '>=', 1000)],
        series: { loadUnit: 'conversations × 10 messages', throughputUnit: 'messages/s', points },
        notes: [
          `Conversations are spread over ${tenant.accounts.length} business numbers, each raised to ${BENCH_MESSAGES_PER_SECOND} messages/s (an upgraded WhatsApp tier; the default 80/s would cap one number at 80/s).`,
          "Rate = accepted messages between the 10th and 90th percentile of arrivals. p50/p99 columns: time from the first start to a conversation's last message.",
        ],
      };
    }),
};
