/**
 * The bare-Temporal baseline's process: one worker for the bare workflows, built by FlowBot's own
 * `createFlowWorker` (so its cache, slot tuner and concurrency follow ours), and an HTTP endpoint as
 * thin as one gets (node:http, no middleware, no auth, no database) that starts and signals runs
 * through a client connection of its own, as FlowBot's API does. Run by bench/bare-temporal/bare-temporal.ts.
 *
 * Environment: TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, WHATSAPP_GRAPH_BASE_URL, PORT, LOG_LEVEL.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection } from '@temporalio/worker';
import { createLogger } from '../../platform/logger';
import { runMain } from '../../platform/run-main';
import type { FlowActivities } from '../../activities';
import { createFlowWorker } from '../../worker/create-worker';
import { installRuntime } from '../../worker/install-runtime';
import { createBareActivities } from './bare-activities';
import { BARE_PHONE_NUMBER_ID, bareReplySignal, bareRoutes } from './bare-definitions';
import type { bareConversationWorkflow } from './bare-workflows';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const address = env('TEMPORAL_ADDRESS');
  const taskQueue = env('TEMPORAL_TASK_QUEUE');
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  installRuntime(logger, ['SIGINT', 'SIGTERM']);

  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./bare-workflows'),
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (m) => logger.error(m),
    },
  });
  const activities = createBareActivities({
    graphBaseUrl: env('WHATSAPP_GRAPH_BASE_URL'),
    phoneNumberId: BARE_PHONE_NUMBER_ID,
  });
  const workerConnection = await NativeConnection.connect({ address });
  const worker = await createFlowWorker({
    connection: workerConnection,
    taskQueue,
    // createFlowWorker only hands the activities to Worker.create, which takes any record of
    // functions; reusing it keeps the baseline's worker settings ours whenever ours change.
    activities: activities as unknown as FlowActivities,
    options: { workflowBundle },
  });
  const client = new Client({ connection: await Connection.connect({ address }) });

  const server = http.createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = request.url ?? '';
    if (request.method === 'GET' && url === bareRoutes.ready) return answer(200, { ok: true });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handle(request.method ?? '', url, Buffer.concat(chunks).toString('utf8'))
        .then(([status, body]) => answer(status, body))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'bare request failed');
          answer(500, { error: 'internal error' });
        });
    });
  });

  async function handle(method: string, url: string, text: string): Promise<[number, unknown]> {
    if (method === 'POST' && url === bareRoutes.start) {
      const body = parseBody(text);
      if (!body || typeof body.to !== 'string' || !/^\d{6,15}$/.test(body.to))
        return [400, { error: 'to must be 6-15 digits' }];
      const replies = typeof body.replies === 'number' ? body.replies : 1;
      const handle = await client.workflow.start<typeof bareConversationWorkflow>(
        'bareConversationWorkflow',
        {
          taskQueue,
          workflowId: `bare-${randomUUID()}`,
          args: [{ to: body.to, replies }],
        },
      );
      return [201, { workflowId: handle.workflowId }];
    }
    if (method === 'POST' && url.startsWith(bareRoutes.reply)) {
      await client.workflow
        .getHandle(decodeURIComponent(url.slice(bareRoutes.reply.length)))
        .signal(bareReplySignal);
      return [200, { ok: true }];
    }
    return [404, { error: 'not found' }];
  }

  await new Promise<void>((resolve) => server.listen(Number(env('PORT')), '127.0.0.1', resolve));
  // The readiness line process-stack style waiters look for.
  logger.warn({ taskQueue }, 'bare worker running');
  await worker.run();
  server.close();
  await client.connection.close();
  await workerConnection.close();
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

runMain('bare-worker', main);
