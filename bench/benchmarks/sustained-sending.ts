/**
 * Sustained sending: many conversations, each sending a burst of text messages as fast as the flow
 * allows, spread over several business numbers; the rate at which the fake Graph API accepts them.
 * Runs are started as inbound conversations (the window is open, so no template is needed) through
 * the trigger routes' service. Each level is followed by the bare-Temporal baseline: as many runs of
 * ten activities in sequence, each a send to the same fake. Targets: ≥ 1,000 messages/s and ≥ 0.8×
 * the bare activity throughput.
 */
import type { Benchmark, BenchContext } from '../bench-context';
import type { BareFigure, LoadPoint } from '../bench-result';
import { BENCH_MESSAGES_PER_SECOND } from '../stack';
import { watchGraph } from '../graph-watch';
import {
  besideBaseline,
  bestPoint,
  checkRatioTarget,
  checkTarget,
  LOAD_MULTIPLES,
  measureBenchmark,
  withCpuPerOperation,
} from '../measure';
import { measureSendingLevel, type SendingLevel } from '../sending-level';
import { flow } from '../../test/support/flow-builder';
import { seedFlowForAccount } from '../../test/support/seed-tenant';
import {
  freshWaMessageId,
  nextCustomerPhone,
  phoneDigits,
  startConversationDirectly,
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
  baseline: true,
  run: (context) =>
    measureBenchmark(sustainedSendingBenchmark.id, sustainedSendingBenchmark.title, async () => {
      const { stack, tenant, bare } = context;
      const document = buildBurstFlow();
      const flowIds = await Promise.all(
        tenant.accounts.map((account) =>
          seedFlowForAccount(stack.dataSource, tenant, account.id, stack.secrets.dataEncryptionKey, document),
        ),
      );
      const base = context.quick ? 13 : 25;
      const watch = watchGraph(stack.graph);
      const points: LoadPoint[] = [];
      const barePoints: LoadPoint[] = [];
      const level = (multiple: number, start: SendingLevel['start']): SendingLevel => ({
        phones: Array.from({ length: base * multiple }, () => nextCustomerPhone()),
        messagesPerRun: MESSAGES_PER_CONVERSATION,
        watch,
        start,
        multiple,
      });
      try {
        for (const multiple of LOAD_MULTIPLES) {
          points.push(
            await measureSending(
              context,
              'sending',
              level(multiple, (phone, index) =>
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
              ),
            ),
          );
          if (bare)
            barePoints.push(
              await measureSending(
                context,
                'bare activities',
                level(multiple, (phone) =>
                  bare.startChain({ to: phoneDigits(phone), activities: MESSAGES_PER_CONVERSATION }),
                ),
              ),
            );
        }
      } finally {
        watch.stop();
      }
      const best = bestPoint(points) as LoadPoint;
      const bareBest = bestPoint(barePoints);
      const bareRate: BareFigure | undefined = bareBest && {
        value: bareBest.throughput,
        unit: 'activities/s',
      };
      return {
        status: 'ok',
        metrics: {
          'messages/s (best)': best.throughput,
          'at conversations': best.load,
          missing: points.reduce((sum, point) => sum + point.errors, 0),
        },
        ...(bareRate ? { baselineMetrics: { 'messages/s (best)': bareRate } } : {}),
        targets: [
          besideBaseline(
            checkTarget('sustained sending', best.throughput, 'messages/s', '>=', 1000),
            bareRate,
          ),
          ...(bareRate
            ? [
                checkRatioTarget(
                  'sustained sending vs bare activities/s',
                  best.throughput,
                  'messages/s',
                  bareRate,
                  '>=',
                  0.8,
                ),
              ]
            : []),
        ],
        series: {
          loadUnit: 'conversations × 10 messages',
          throughputUnit: 'messages/s',
          points,
          operation: 'message',
          ...(bare
            ? {
                baseline: {
                  what: 'bare Temporal: workflows of 10 activities in sequence, each one send',
                  throughputUnit: 'activities/s',
                  operation: 'activity',
                  points: barePoints,
                },
              }
            : {}),
        },
        notes: [
          `Conversations are spread over ${tenant.accounts.length} business numbers, each raised to ${BENCH_MESSAGES_PER_SECOND} messages/s (an upgraded WhatsApp tier; the default 80/s would cap one number at 80/s).`,
          "Rate = accepted messages between the 10th and 90th percentile of arrivals. p50/p99 columns: time from the first start to a conversation's last message.",
          "Bare Temporal: right after each FlowBot level, as many workflows started from the benchmark process (50 in flight, as FlowBot's), each running 10 activities in sequence that each POST one text to the same fake Graph API. It leaves out the conversation row, the flow engine, pacing and the message records.",
          'CPU per message/activity: each process from the first start until the stack went quiet after the level (starts included).',
        ],
      };
    }),
};

async function measureSending(context: BenchContext, label: string, level: SendingLevel): Promise<LoadPoint> {
  const point = await withCpuPerOperation(
    context.measuredProcesses(),
    () => measureSendingLevel(level),
    (measured) => measured.extra?.messages ?? 0,
  );
  context.log(
    `  ${label} ${point.load} runs × ${level.messagesPerRun}: ${point.throughput}/s, missing ${point.errors}`,
  );
  return point;
}
