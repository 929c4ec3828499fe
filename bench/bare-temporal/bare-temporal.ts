/**
 * Starts the bare-Temporal baseline's process (bare-worker.ts) beside a benchmark's stack: same
 * Temporal server, same fake Graph API, a task queue of its own.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { findFreePort } from '../../platform/embedded-postgres';
import { startChildService, waitForLogLine, type ChildService } from '../../test/support/child-service';
import { bareRoutes, type BareChainInput } from './bare-definitions';
import type { bareActivityChainWorkflow } from './bare-workflows';

/** The running baseline process. */
export interface BareTemporal {
  /** e.g. `http://127.0.0.1:41234`: its start and reply routes (bareRoutes). */
  url: string;
  process: ChildService;
  taskQueue: string;
  /** Starts an activity chain from this process (as sustained sending starts its runs in-process). */
  startChain(input: BareChainInput): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link startBareTemporal}. */
export interface BareTemporalOptions {
  temporalAddress: string;
  /** The stack's client, for the in-process starts. */
  temporal: Client;
  graphBaseUrl: string;
  /** Folder for its log. */
  directory: string;
  /** e.g. `--cpu-prof` arguments. */
  nodeArgs?: string[];
}

/** Starts the process and waits until its worker polls. */
export async function startBareTemporal(options: BareTemporalOptions): Promise<BareTemporal> {
  const port = await findFreePort();
  const taskQueue = `bare-temporal-${randomUUID()}`;
  const child = startChildService({
    name: 'bare-temporal',
    script: 'bench/bare-temporal/bare-worker.ts',
    nodeArgs: options.nodeArgs,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WHATSAPP_GRAPH_BASE_URL: options.graphBaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    logFile: path.join(options.directory, 'logs', 'bare-temporal.log'),
  });
  try {
    await waitForLogLine(child, /bare worker running/, 90_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    taskQueue,
    startChain: async (input) => {
      await options.temporal.workflow.start<typeof bareActivityChainWorkflow>('bareActivityChainWorkflow', {
        taskQueue,
        workflowId: `bare-chain-${randomUUID()}`,
        args: [input],
      });
    },
    stop: async () => void (await child.stop()),
  };
}

/** Starts a conversation-shaped run through the bare process's HTTP route; returns its workflow id. */
export async function startBareConversation(
  bare: BareTemporal,
  to: string,
  replies: number,
): Promise<string> {
  const response = await fetch(`${bare.url}${bareRoutes.start}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to, replies }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { workflowId?: string; error?: string };
  if (response.status !== 201 || !body.workflowId)
    throw new Error(`bare start answered ${response.status}: ${body.error ?? ''}`);
  return body.workflowId;
}

/** Signals a run's answer through the HTTP route; resolves with the HTTP status (0 on no answer). */
export async function postBareReply(bare: BareTemporal, workflowId: string): Promise<number> {
  const response = await fetch(`${bare.url}${bareRoutes.reply}${encodeURIComponent(workflowId)}`, {
    method: 'POST',
    signal: AbortSignal.timeout(30_000),
  }).catch(() => undefined);
  await response?.arrayBuffer();
  return response?.status ?? 0;
}
