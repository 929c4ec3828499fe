/**
 * Eager workflow start in `npm start`'s shape: the API's client on the worker's own connection
 * (worker/eager-start-client.ts), against the real dev server with FlowBot's dynamic config. A lead
 * through the real HTTP route starts a conversation run whose first workflow task Temporal handed
 * straight to the worker in its answer to the start: the history shows that task started in the same
 * write as the run (consecutive task ids), where a polled task starts in a later one. The API beside
 * a separate worker (`npm run api` + `npm run worker`) shows the polled shape, so the check tells them apart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { temporal } from '@temporalio/proto';
import { conversationWorkflowId } from '../../workflows/definitions';
import { buildLeadFlow, startApiStack, type ApiStack, type Caller } from '../api/api-stack';
import { randomPhone, type SeededFlow } from '../api/conversation-fixtures';
import { waitFor } from '../support/full-stack';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

for (const { eagerStart, shape } of [
  { eagerStart: true, shape: 'one process (npm start)' },
  { eagerStart: false, shape: 'API and worker apart' },
]) {
  describe(`a lead's conversation run, ${shape}`, () => {
    let s: ApiStack;
    let owner: Caller;
    let leadFlow: SeededFlow;

    before(async () => {
      s = await startApiStack({ eagerStart });
      owner = await s.seedCaller();
      leadFlow = await s.seedFlow(owner, buildLeadFlow());
    });
    after(() => s?.stop());

    it(
      `${eagerStart ? 'is' : 'is not'} started eagerly, and sends its template`,
      { timeout: 60_000 },
      async () => {
        const phone = randomPhone();
        const response = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
          body: { phone, name: 'Ada' },
          token: owner.apiToken,
        });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        await waitFor(() => s.stack.messagesTo(phone).length === 1, 20_000, 'the lead template');

        const handle = s.stack.client.workflow.getHandle(
          conversationWorkflowId(response.body.conversationId),
        );
        const events = (await handle.fetchHistory()).events ?? [];
        assert.equal(firstTaskStartedWithTheRun(events), eagerStart);
      },
    );
  });
}

/** Whether the run's first workflow task started in the same history write as the run itself. */
function firstTaskStartedWithTheRun(events: HistoryEvent[]): boolean {
  const started = events.find((event) => event.workflowExecutionStartedEventAttributes);
  const firstTask = events.find((event) => event.workflowTaskStartedEventAttributes);
  assert.ok(started?.taskId && firstTask?.taskId, 'the history has a start and a first task');
  return Number(firstTask.taskId) - Number(started.taskId) === 2;
}
