/** The one-line summaries the Temporal Web UI shows: what each says, and that none carries PII. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EffectAction, OutgoingMessage, WaitSpec } from '../../workflows/engine/runtime';
import {
  formatDuration,
  summarizeAgentReply,
  summarizeConversationChange,
  summarizeConversationStart,
  summarizeEffect,
  summarizeSend,
  summarizeStep,
  summarizeWaitTimer,
} from '../../workflows/run-summaries';

const minute = 60_000;
const hour = 60 * minute;
const phone = '+4915112345678';

describe('run summaries', () => {
  it('names a send by message kind and node, never by its text', () => {
    const cases: { message: OutgoingMessage; expected: string }[] = [
      { message: { kind: 'text', body: `Call me on ${phone}` }, expected: 'send text (node 3)' },
      {
        message: { kind: 'template', name: 'hello_world', language: 'en_US', bodyParams: [phone] },
        expected: 'send template hello_world (node 3)',
      },
      {
        message: { kind: 'media', mediaType: 'image', link: 'https://cdn.example.com/a.png', caption: phone },
        expected: 'send media image (node 3)',
      },
      {
        message: { kind: 'buttons', body: phone, buttons: [{ id: 'y', title: 'Yes' }] },
        expected: 'send buttons (node 3)',
      },
      {
        message: { kind: 'list', body: phone, buttonLabel: 'Pick', sections: [{ rows: [] }] },
        expected: 'send list (node 3)',
      },
    ];
    for (const { message, expected } of cases) assert.equal(summarizeSend('3', message), expected);
    assert.equal(summarizeAgentReply({ kind: 'text', body: phone }), 'send agent reply: text');
  });

  it('names every message of a step and the columns its row change writes, never a text', () => {
    const sends = [
      { nodeId: '3', message: { kind: 'text', body: `Call ${phone}` } as OutgoingMessage },
      { nodeId: '4', message: { kind: 'buttons', body: phone, buttons: [] } as OutgoingMessage },
    ];
    assert.equal(
      summarizeStep(sends, { conversationId: 'c', currentNodeId: '4' }),
      'send text (node 3), send buttons (node 4); record conversation change: at node 4',
    );
    assert.equal(summarizeStep(sends.slice(0, 1)), 'send text (node 3)');
  });

  it('names an effect by kind, node and (for HTTP) method and host only', () => {
    const http = (url: string): EffectAction => ({
      type: 'effect',
      nodeId: '5',
      effectId: 'http_request:5:1',
      kind: 'http_request',
      request: { method: 'GET', url, headers: {} },
    });
    const cases: { action: EffectAction; expected: string }[] = [
      {
        action: http(`https://user:secret@api.example.com/customers/${phone}?q=${phone}`),
        expected: 'http_request GET api.example.com (node 5)',
      },
      { action: http('http://127.0.0.1:8080/x'), expected: 'http_request GET 127.0.0.1:8080 (node 5)' },
      { action: http('not a url'), expected: 'http_request GET (node 5)' },
      {
        action: {
          type: 'effect',
          nodeId: '6',
          effectId: 'ai_reply:6:2',
          kind: 'ai_reply',
          request: { systemPrompt: 'Be nice', messages: [{ role: 'user', content: phone }] },
        },
        expected: 'ai_reply (node 6)',
      },
      {
        action: {
          type: 'effect',
          nodeId: '7',
          effectId: 'ai_router:7:3',
          kind: 'ai_router',
          request: { instructions: '', input: phone, intents: [], messages: [] },
        },
        expected: 'ai_router (node 7)',
      },
    ];
    for (const { action, expected } of cases) assert.equal(summarizeEffect(action), expected);
  });

  it('names the columns a conversation change writes, not their values', () => {
    const conversationId = 'c1';
    const cases: { change: Parameters<typeof summarizeConversationChange>[0]; expected: string }[] = [
      {
        change: {
          conversationId,
          workflowId: 'conversation-c1',
          runId: 'r1',
          status: 'active',
          currentNodeId: '3',
          variables: { phone },
        },
        expected: 'record conversation change: run id, status active, at node 3, variables',
      },
      {
        change: { conversationId, currentNodeId: '4', lastCustomerMessageAt: 1 },
        expected: 'record conversation change: at node 4, last customer message',
      },
      {
        change: { conversationId, status: 'completed', currentNodeId: null, endedAt: 2 },
        expected: 'record conversation change: status completed, past the last node, ended',
      },
    ];
    for (const { change, expected } of cases) assert.equal(summarizeConversationChange(change), expected);
  });

  it("names a wait's timer by node and the node's own duration, and what is left when re-armed", () => {
    const reply: WaitSpec = { kind: 'reply', nodeId: '4', timerId: 't', timeoutMs: hour, deadlineAt: 0 };
    const delay: WaitSpec = { kind: 'timer', nodeId: '7', timerId: 't', durationMs: 2 * hour, deadlineAt: 0 };
    const handoff: WaitSpec = {
      kind: 'handoff',
      nodeId: '8',
      timerId: 't',
      timeoutMs: 30 * minute,
      deadlineAt: 0,
    };
    const burst: WaitSpec = {
      kind: 'burst',
      nodeId: '4',
      timerId: 'b',
      text: `call me on ${phone}`,
      startedAt: 0,
      deadlineAt: 0,
      reply: { kind: 'reply', nodeId: '4', timerId: 't', timeoutMs: hour, deadlineAt: 0 },
    };
    const cases: { wait: WaitSpec; remaining: number; capped?: boolean; expected: string }[] = [
      {
        wait: reply,
        remaining: hour - 300,
        expected: "wait for the customer's reply to node 4 (at most 60 min)",
      },
      {
        wait: reply,
        remaining: 3 * hour,
        capped: true,
        expected: "wait for the customer's reply to node 4 (until the 24-hour window closes, in 3 h)",
      },
      // Never the customer's text: it is personal data.
      { wait: burst, remaining: 3_000, expected: "wait for more of the customer's messages to node 4 (3 s)" },
      { wait: delay, remaining: 2 * hour - 500, expected: 'delay node 7: 2 h' },
      { wait: delay, remaining: 80 * minute, expected: 'delay node 7: 2 h, 80 min left' },
      { wait: handoff, remaining: 30 * minute, expected: 'wait for an agent at node 8 (at most 30 min)' },
    ];
    for (const { wait, remaining, capped, expected } of cases)
      assert.equal(summarizeWaitTimer(wait, remaining, capped ?? false), expected);
  });

  it('formats durations in the unit that matters', () => {
    const cases: [number, string][] = [
      [400, '0 s'],
      [45_000, '45 s'],
      [60 * minute, '60 min'],
      [2 * hour, '2 h'],
      [150 * minute, '2 h 30 min'],
      [24 * hour, '24 h'],
      [76 * hour, '3 d 4 h'],
      [7 * 24 * hour, '7 d'],
    ];
    for (const [ms, expected] of cases) assert.equal(formatDuration(ms), expected, `${ms} ms`);
  });

  it('summarises a start by flow name and trigger on one line', () => {
    const summary = summarizeConversationStart({
      flowName: '  Welcome\n  flow ',
      flowId: 'f1',
      flowVersion: 3,
      trigger: 'lead',
      conversationId: 'c1',
    });
    assert.deepEqual(summary, {
      staticSummary: 'Flow "Welcome flow" for lead (conversation c1)',
      staticDetails: 'Flow f1 version 3, trigger lead',
    });
    const long = summarizeConversationStart({
      flowName: 'x'.repeat(200),
      flowId: 'f1',
      flowVersion: 1,
      trigger: 'inbound',
      conversationId: 'c1',
    });
    assert.equal(long.staticSummary, `Flow "${'x'.repeat(79)}…" for inbound (conversation c1)`);
  });
});
