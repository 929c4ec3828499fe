/**
 * WhatsApp webhook ingest: signed customer messages POSTed by autocannon, each with a fresh wamid,
 * from a pool of customers with no flow (each customer's first message opens a conversation for
 * agents, the rest are stored into it) — the API's store-and-acknowledge path. Loss check: every
 * 2xx's message must be in `messages` afterwards. Target: ≥ 1,000 messages/s without loss.
 */
import type { Benchmark } from '../bench-context';
import type { LoadPoint } from '../bench-result';
import { runHttpLoad } from '../load-http';
import { bestPoint, checkTarget, LOAD_MULTIPLES, measureBenchmark } from '../measure';
import { buildSignedCustomerText, nextCustomerPhone } from '../../test/support/stack-driver';

const BASE_CONNECTIONS = 8;
const CUSTOMERS = 400;

export const webhookIngestBenchmark: Benchmark = {
  id: 'webhook-ingest',
  title: 'WhatsApp webhook ingest (signed POSTs, stored once)',
  run: (context) =>
    measureBenchmark(webhookIngestBenchmark.id, webhookIngestBenchmark.title, async () => {
      const { stack, tenant } = context;
      // A number without a flow: ingest stores and acknowledges; no run is signalled.
      const phoneNumberId = tenant.accounts[tenant.accounts.length - 1].phoneNumberId;
      const customers = Array.from({ length: CUSTOMERS }, () => nextCustomerPhone());
      const points: LoadPoint[] = [];
      let lost = 0;
      for (const multiple of LOAD_MULTIPLES) {
        const connections = BASE_CONNECTIONS * multiple;
        const sent: string[] = [];
        let turn = 0;
        const load = await runHttpLoad({
          url: `${stack.apiUrl}/api/whatsapp/webhook`,
          connections,
          durationSec: context.quick ? 3 : 10,
          buildRequest: () => {
            const from = customers[turn++ % customers.length];
            const signed = buildSignedCustomerText(stack, { phoneNumberId, from, text: `hello ${turn}` });
            sent.push(signed.waMessageId);
            return { body: signed.body, headers: { 'x-hub-signature-256': signed.signature } };
          },
        });
        const [{ stored }]: { stored: string }[] = await stack.dataSource.query(
          `SELECT count(*) AS stored FROM messages WHERE direction = 'inbound' AND "waMessageId" = ANY($1)`,
          [sent],
        );
        lost += Math.max(0, load.ok - Number(stored));
        points.push({
          multiple,
          load: connections,
          throughput: load.requestsPerSecond,
          p50Ms: load.p50Ms,
          p99Ms: load.p99Ms,
          errors: load.errors,
          extra: { stored: Number(stored), accepted: load.ok },
        });
        context.log(
          `  webhook ${connections} conns: ${load.requestsPerSecond}/s p99 ${load.p99Ms} ms, errors ${load.errors}`,
        );
      }
      const best = bestPoint(points) as LoadPoint;
      return {
        status: 'ok',
        metrics: { 'messages/s (best)': best.throughput, 'p50 ms': best.p50Ms, 'p99 ms': best.p99Ms, lost },
        targets: [
          checkTarget('webhook ingest', best.throughput, 'messages/s', '>=', 1000),
          checkTarget('messages lost (2xx but not stored)', lost, 'messages', '<', 1),
        ],
        series: { loadUnit: 'connections', throughputUnit: 'messages/s', points },
        notes: [
          `${CUSTOMERS} customers without a flow on one number: first message opens an agent conversation, the rest are stored into it (the signal path is measured by reply turnaround).`,
          'Each request carries a fresh wamid and its own X-Hub-Signature-256 over the exact bytes.',
        ],
      };
    }),
};
