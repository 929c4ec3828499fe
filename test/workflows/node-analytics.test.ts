/**
 * Node transitions recorded by a real run (worker, activities, Temporal test server with time
 * skipping, PostgreSQL): every transition lands in node_events once, numbered without gaps, including
 * those of a step that changes nothing else on the conversation row (a delay looping to itself).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stopConversationSignal } from '../../workflows/definitions';
import { flow } from '../support/flow-builder';
import { startFullStack, waitFor, type FullStack, type SeededAccount } from '../support/full-stack';

const minute = 60_000;

describe('node transitions of a real run', () => {
  let stack: FullStack;
  let account: SeededAccount;

  before(async () => {
    stack = await startFullStack();
    account = await stack.seedAccount();
  });
  after(() => stack?.stop());

  const eventsOf = async (conversationId: string) =>
    (await stack.dataSource.query(
      `SELECT seq, "nodeId", kind, port, status FROM node_events WHERE "conversationId" = $1 ORDER BY seq`,
      [conversationId],
    )) as { seq: number; nodeId: string; kind: string; port: string | null; status: string | null }[];

  it(
    'a delay that loops to itself records every lap, though the conversation row never changes',
    { timeout: 60_000 },
    async () => {
      const run = await stack.startConversation({
        account,
        drawflowData: flow()
          .start()
          .then('delay', { amount: 1, unit: 'minutes' }, { as: 'lap' })
          .to('lap')
          .build(),
        trigger: { source: 'lead' },
      });
      await waitFor(async () => (await eventsOf(run.conversationId)).length >= 3, 10_000, 'the start');
      await stack.env.sleep(3 * minute + 1_000);
      await waitFor(
        async () =>
          (await eventsOf(run.conversationId)).filter((event) => event.kind === 'entered').length >= 4,
        20_000,
        'three laps',
      );
      await run.handle.signal(stopConversationSignal, { reason: 'enough' });
      await run.handle.result();
      const events = await eventsOf(run.conversationId);
      assert.deepEqual(
        events.map((event) => event.seq),
        events.map((_, index) => index + 1),
        'numbered 1, 2, 3… without gaps or repeats',
      );
      const laps = events.filter((event) => event.kind === 'left' && event.nodeId === '2');
      assert.ok(laps.length >= 3, `every lap left the delay by next (${laps.length})`);
      assert.ok(laps.every((event) => event.port === 'next'));
      assert.deepEqual(events.at(-1), {
        seq: events.length,
        nodeId: '2',
        kind: 'ended',
        port: null,
        status: 'stopped',
      });
    },
  );
});
