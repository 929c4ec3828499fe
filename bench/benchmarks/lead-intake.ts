/**
 * Lead intake: `POST /api/webhook/flow/{flowId}/lead` with a Bearer API JWT, driven by autocannon,
 * each request a new customer (one open conversation per phone). Every accepted lead starts a real
 * run, so the worker sends its template meanwhile — the API is measured under the load it causes.
 * Target: ≥ 500 accepted leads/s with p99 < 100 ms, zero errors.
 */
import type { Benchmark } from '../bench-context';
import type { LoadPoint } from '../bench-result';
import { runHttpLoad } from '../load-http';
import { checkTarget, LOAD_MULTIPLES, measureBenchmark, skipped } from '../measure';
import { nextCustomerPhone } from '../../test/support/stack-driver';

const BASE_CONNECTIONS = 4;

export const leadIntakeBenchmark: Benchmark = {
  id: 'lead-intake',
  title: 'Lead intake (POST …/lead, API JWT)',
  run: (context) =>
    measureBenchmark(leadIntakeBenchmark.id, leadIntakeBenchmark.title, async () => {
      const { stack, tenant, apiToken } = context;
      if (!apiToken) return skipped('POST /api/auth/api-token is not available');
      const points: LoadPoint[] = [];
      for (const multiple of LOAD_MULTIPLES) {
        const connections = BASE_CONNECTIONS * multiple;
        const load = await runHttpLoad({
          url: `${stack.apiUrl}/api/webhook/flow/${tenant.flowId}/lead`,
          connections,
          durationSec: context.quick ? 3 : 10,
          buildRequest: () => ({
            headers: { authorization: `Bearer ${apiToken}` },
            body: JSON.stringify({
              phone: nextCustomerPhone(),
              name: 'Dana Levi',
              email: 'dana@example.com',
              source: 'bench',
              product: 'plan-pro',
            }),
          }),
        });
        points.push({
          multiple,
          load: connections,
          throughput: load.requestsPerSecond,
          p50Ms: load.p50Ms,
          p99Ms: load.p99Ms,
          errors: load.errors,
        });
        context.log(
          `  lead ${connections} conns: ${load.requestsPerSecond}/s p50 ${load.p50Ms} p99 ${load.p99Ms} ms, errors ${load.errors} ${JSON.stringify(load.statusCounts)}`,
        );
      }
      // The target pairs throughput with latency: the best rate among levels that keep p99 < 100 ms.
      const withinLatency = points.filter((point) => point.p99Ms < 100 && point.errors === 0);
      const best = [...(withinLatency.length ? withinLatency : points)].sort(
        (a, b) => b.throughput - a.throughput,
      )[0];
      return {
        status: 'ok',
        metrics: {
          'leads/s': best.throughput,
          'p50 ms': best.p50Ms,
          'p99 ms': best.p99Ms,
          errors: points.reduce((sum, point) => sum + point.errors, 0),
          'at connections': best.load,
        },
        targets: [
          checkTarget('lead intake', best.throughput, 'req/s', '>=', 500),
          checkTarget('lead intake p99', best.p99Ms, 'ms', '<', 100),
          checkTarget(
            'lead intake errors (all levels)',
            points.reduce((s, p) => s + p.errors, 0),
            'errors',
            '<',
            1,
          ),
        ],
        series: { loadUnit: 'connections', throughputUnit: 'leads/s', points },
        notes: [
          'Each accepted lead inserts a conversation and starts its workflow (Temporal start) before answering; the worker sends the opening template concurrently on the same 2 cores.',
          'Headline = the highest-throughput level whose p99 stays under 100 ms with no errors (else the highest-throughput level).',
        ],
      };
    }),
};
