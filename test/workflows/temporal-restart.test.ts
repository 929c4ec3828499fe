/**
 * A conversation survives its Temporal server going down, as `npm start` runs it: the dev server
 * with its state in a SQLite file (platform/temporal-dev-server.ts: WAL, synchronous=normal).
 * Killed with SIGKILL — even right after it acknowledged a customer's message — and started again
 * on the same file, it still holds the waiting run and the message, and the worker carries on.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findFreePort } from '../../platform/embedded-postgres';
import { startTemporalDevServer, type TemporalDevServer } from '../../platform/temporal-dev-server';
import { conversationStateQuery, customerMessageSignal } from '../../workflows/definitions';
import { flow } from '../support/flow-builder';
import { startFullStack, waitFor, type FullStack, type SeededAccount } from '../support/full-stack';

describe('a conversation across a Temporal server crash', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-temporal-restart-'));
  const dbFilename = path.join(folder, 'temporal.db');
  let port: number;
  let server: TemporalDevServer;
  let stack: FullStack;
  let account: SeededAccount;

  const startServer = async () => {
    server = await startTemporalDevServer({ dbFilename, port, logFile: path.join(folder, 'temporal.log') });
  };
  const crashServer = async () => {
    process.kill(server.pid, 'SIGKILL');
    await server.stop();
  };

  before(async () => {
    port = await findFreePort();
    await startServer();
    stack = await startFullStack({ temporalAddress: server.address });
    account = await stack.seedAccount();
  });
  after(async () => {
    await stack?.stop();
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the waiting run and an acknowledged message, and finishes after the restart', async () => {
    const run = await stack.startConversation({
      account,
      drawflowData: flow()
        .start()
        // No prompt: a lead has no open 24-hour window, so the run waits for the customer to write first.
        .then('question', { variable: 'name', validation: 'text', timeoutMinutes: 60 })
        .then('question', { prompt: 'City?', variable: 'city', validation: 'text', timeoutMinutes: 60 })
        .then('message', { text: '{{name}} from {{city}}' })
        .then('end', {})
        .build(),
    });
    const waitingForReply = async () =>
      (await run.handle.query(conversationStateQuery)).waitingFor === 'customer_reply';
    await waitFor(waitingForReply, 15_000, 'the first question');

    // Down while the run waits: it must still be there, waiting, after the restart.
    await crashServer();
    await startServer();
    await waitFor(waitingForReply, 30_000, 'the run to answer queries after the restart');

    // Down right after it acknowledged a message: the message must not be lost.
    await run.handle.signal(customerMessageSignal, stack.customerMessage('Ada'));
    await crashServer();
    await startServer();
    await waitFor(
      async () => (await run.handle.query(conversationStateQuery)).variables.name === 'Ada',
      30_000,
      'the acknowledged answer after the restart',
    );

    await run.handle.signal(customerMessageSignal, stack.customerMessage('London'));
    const result = await run.handle.result();
    assert.equal(result.status, 'completed');
    const texts = stack.messagesTo(run.customerPhone).map((m) => JSON.stringify(m.body));
    assert.equal(texts.filter((text) => text.includes('Ada from London')).length, 1, texts.join('\n'));
  });
});
