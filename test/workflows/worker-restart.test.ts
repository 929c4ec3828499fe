/**
 * A worker killed with SIGKILL mid-conversation (in its own process) and a new one started: the
 * conversation continues where it was, nothing is lost and nothing is sent twice.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { customerMessageSignal } from '../../workflows/definitions';
import { flow } from '../support/flow-builder';
import { flowWorkflowBundle, startFullStack, waitFor, type FullStack } from '../support/full-stack';
import type { WorkerProcessConfig } from './worker-process';

describe('worker killed mid-conversation', () => {
  let stack: FullStack;
  let config: WorkerProcessConfig;
  let bundleDirectory: string;
  const children: ChildProcess[] = [];

  /** Starts a worker process and resolves once it polls. */
  const startWorkerProcess = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'worker-process.ts')], {
      env: { ...process.env, FLOWBOT_TEST_WORKER: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
    });
    return child;
  };

  before(async () => {
    stack = await startFullStack({ startWorker: false, timeSkipping: false });
    bundleDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-bundle-'));
    const workflowBundlePath = path.join(bundleDirectory, 'workflows.js');
    fs.writeFileSync(workflowBundlePath, (await flowWorkflowBundle()).code);
    config = {
      address: stack.env.address,
      namespace: stack.env.namespace ?? 'default',
      taskQueue: stack.taskQueue,
      databaseUrl: stack.db.url,
      dataEncryptionKeyHex: stack.activityConfig.dataEncryptionKey.toString('hex'),
      graphBaseUrl: stack.activityConfig.whatsapp.graphBaseUrl,
      openaiBaseUrl: stack.activityConfig.openai.baseUrl,
      workflowBundlePath,
    };
  });
  after(async () => {
    for (const child of children) child.kill('SIGKILL');
    await stack?.stop();
    fs.rmSync(bundleDirectory, { recursive: true, force: true });
  });

  it('continues on a new worker with nothing lost and nothing sent twice', async () => {
    const account = await stack.seedAccount();
    const drawflowData = flow()
      .start()
      .then('question', { variable: 'a', validation: 'text', timeoutMinutes: 60 })
      .then('message', { text: 'Got {{a}}' })
      .then('question', { prompt: 'Second?', variable: 'b', validation: 'text', timeoutMinutes: 60 })
      .then('message', { text: 'Done: {{a}} {{b}}' })
      .then('end', {})
      .build();
    const first = await startWorkerProcess();
    const run = await stack.startConversation({ account, drawflowData, trigger: { source: 'lead' } });
    await run.handle.signal(customerMessageSignal, stack.customerMessage('one'));
    // The row (below) says the answer was taken; a query would also need the busy worker to answer in time.
    await waitFor(() => stack.messagesTo(run.customerPhone).length === 2, 15_000, 'two messages');
    // Killed while the run waits (its last write done and reported). A kill during an activity is
    // recovered too, but only after that activity's start-to-close timeout, which would make this
    // test slow: the row is written before the activity's completion reaches the server, so the
    // test also waits for the server to have no activity pending.
    await waitFor(
      async () => {
        const [row]: { variables: Record<string, unknown> }[] = await stack.dataSource.query(
          `SELECT variables FROM conversations WHERE id = $1`,
          [run.conversationId],
        );
        const pending = (await run.handle.describe()).raw.pendingActivities ?? [];
        return row.variables.a === 'one' && pending.length === 0;
      },
      15_000,
      'the run to record its progress',
    );

    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    // The answer arrives while no worker runs: Temporal holds it.
    const second = stack.customerMessage('two');
    await run.handle.signal(customerMessageSignal, second);
    await startWorkerProcess();
    await run.handle.signal(customerMessageSignal, second); // a webhook redelivery on top
    const result = await run.handle.result();

    assert.equal(result.status, 'completed');
    assert.deepEqual(result.variables, { a: 'one', b: 'two' });
    const texts = stack.messagesTo(run.customerPhone).map((m) => (m.body.text as { body: string }).body);
    assert.deepEqual(texts, ['Got one', 'Second?', 'Done: one two']);
    assert.equal(stack.graph.findDuplicateSends().length, 0);
    const rows: { status: string }[] = await stack.dataSource.query(
      `SELECT status FROM messages WHERE "conversationId" = $1`,
      [run.conversationId],
    );
    assert.equal(rows.length, 3, 'one message row per send');
  });
});
