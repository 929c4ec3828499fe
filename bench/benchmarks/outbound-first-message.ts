/**
 * Outbound trigger → first WhatsApp message: `POST /api/webhook/outbound` (API JWT) through
 * autocannon; for each trigger, the time from building the request to the opening template's
 * arrival at the fake Graph API, and the rate at which first messages arrive (sustained = between
 * the 10th and 90th percentile of arrivals).
 */
import type { Benchmark } from '../bench-context';
import type { LoadPoint } from '../bench-result';
import { watchGraph } from '../graph-watch';
import { runHttpLoad } from '../load-http';
import { LOAD_MULTIPLES, measureBenchmark, skipped } from '../measure';
import { summarizeLatencies, sustainedRatePerSecond } from '../stats';
import { nextCustomerPhone, phoneDigits, waitUntil } from '../../test/support/stack-driver';

const BASE_CONNECTIONS = 2;

export const outboundFirstMessageBenchmark: Benchmark = {
  id: 'outbound-first-message',
  title: 'Outbound trigger → first WhatsApp message at Graph',
  run: (context) =>
    measureBenchmark(outboundFirstMessageBenchmark.id, outboundFirstMessageBenchmark.title, async () => {
      const { stack, tenant, apiToken } = context;
      if (!apiToken) return skipped('POST /api/auth/api-token is not available');
      const watch = watchGraph(stack.graph);
      const points: LoadPoint[] = [];
      let undelivered = 0;
      try {
        for (const multiple of LOAD_MULTIPLES) {
          const connections = BASE_CONNECTIONS * multiple;
          const triggeredAt = new Map<string, number>();
          const load = await runHttpLoad({
            url: `${stack.apiUrl}/api/webhook/outbound`,
            connections,
            durationSec: context.quick ? 3 : 8,
            buildRequest: () => {
              const phone = nextCustomerPhone();
              triggeredAt.set(phoneDigits(phone), performance.timeOrigin + performance.now());
              return {
                headers: { authorization: `Bearer ${apiToken}` },
                body: JSON.stringify({
                  phone,
                  flowId: tenant.flowId,
                  templateGroupId: tenant.templateGroupId,
                  data: { customerName: 'Noa', orderId: 'A-1', templateParams: ['Noa'] },
                }),
              };
            },
          });
          // Bounded wait for the runs the API accepted to send their first message.
          await waitUntil(() => countDelivered(watch, triggeredAt) >= load.ok, 60_000, 200);
          const latencies: number[] = [];
          const arrivals: number[] = [];
          for (const [to, sentAt] of triggeredAt) {
            const first = watch.messagesTo(to)[0];
            if (!first) continue;
            latencies.push(first.receivedAt - sentAt);
            arrivals.push(first.receivedAt);
          }
          undelivered += Math.max(0, load.ok - latencies.length);
          const summary = summarizeLatencies(latencies);
          points.push({
            multiple,
            load: connections,
            throughput: sustainedRatePerSecond(arrivals),
            p50Ms: summary.p50,
            p99Ms: summary.p99,
            errors: load.errors,
            extra: { accepted: load.ok, 'API p99 ms': load.p99Ms },
          });
          context.log(
            `  outbound ${connections} conns: accepted ${load.requestsPerSecond}/s, first messages ${points.at(-1)?.throughput}/s, p50 ${summary.p50} p99 ${summary.p99} ms`,
          );
        }
      } finally {
        watch.stop();
      }
      const best = [...points].sort((a, b) => b.throughput - a.throughput)[0];
      // Latency at the lightest load: at higher loads it mostly measures the backlog that builds up.
      const light = points[0];
      return {
        status: 'ok',
        metrics: {
          'first messages/s (max)': best.throughput,
          'p50 ms @1×': light.p50Ms,
          'p99 ms @1×': light.p99Ms,
          undelivered,
        },
        targets: [],
        series: { loadUnit: 'connections', throughputUnit: 'first messages/s', points },
        notes: [
          'Latency = trigger request built → opening template received by the fake Graph API (includes the API answer, the workflow start, one workflow task and the send activity).',
          'No numeric target in the issue; reported for the record.',
        ],
      };
    }),
};

function countDelivered(watch: ReturnType<typeof watchGraph>, triggered: Map<string, number>): number {
  let delivered = 0;
  for (const to of triggered.keys()) if (watch.messagesTo(to).length > 0) delivered += 1;
  return delivered;
}
