import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flow } from '../support/flow-builder';
import {
  assertEnded,
  fireTimer,
  HOUR,
  logs,
  MINUTE,
  reply,
  sent,
  startInbound,
  startOutbound,
  T0,
} from './engine-test-kit';

describe('start and end nodes', () => {
  it('start moves on; an end node completes the run', () => {
    const step = startInbound(flow().start().then('end', {}).graph());
    assertEnded(step, 'completed');
    assert.deepEqual(step.actions, [{ type: 'status', status: 'completed' }]);
    assert.equal(step.state.steps, 2);
  });

  it('an end node can record a failure with a reason', () => {
    const step = startInbound(
      flow().start().then('end', { outcome: 'failed', reason: 'not_interested' }).graph(),
    );
    assertEnded(step, 'failed', 'not_interested');
  });

  it('a start node with nothing after it completes at once', () => {
    assertEnded(startInbound(flow().start().graph()), 'completed');
  });
});

describe('message node', () => {
  const graph = flow()
    .start()
    .then('message', { text: 'Hi {{name}}, order {{order.id}}', previewUrl: true })
    .then('end', {})
    .graph();

  it('sends the rendered text and follows `sent`', () => {
    const step = startInbound(graph, { variables: { name: 'Ann', order: { id: 'A-1' } } });
    assert.deepEqual(sent(step), [{ kind: 'text', body: 'Hi Ann, order A-1', previewUrl: true }]);
    assert.equal(step.actions[0].type === 'send' && step.actions[0].nodeId, '2');
    assertEnded(step, 'completed');
  });

  it('with the window closed: sends nothing, logs, and fails with window_closed when that output is unconnected', () => {
    const step = startOutbound(graph);
    assert.deepEqual(sent(step), []);
    assert.match(logs(step)[0].message, /window is closed/);
    assertEnded(step, 'failed', 'window_closed');
  });

  it('with the window closed: follows the window_closed output when connected', () => {
    const fallback = flow()
      .start()
      .then('message', { text: 'Hi' }, { as: 'hi' })
      .then('end', {})
      .at('hi', 'window_closed')
      .then('template', { name: 'reengage', language: 'en' })
      .graph();
    const step = startOutbound(fallback);
    assert.deepEqual(
      sent(step).map((message) => message.kind),
      ['template'],
    );
    assertEnded(step, 'completed');
  });

  it('shortens text that templating made longer than 4096 characters', () => {
    const step = startInbound(graph, { variables: { name: 'x'.repeat(5000) } });
    const [message] = sent(step);
    assert.equal(message.kind === 'text' && message.body.length, 4096);
  });
});

describe('media node', () => {
  it('sends image, video, document and audio with their fields', () => {
    const graph = flow()
      .start()
      .then('media', { mediaType: 'image', link: 'https://cdn.test/{{sku}}.png', caption: 'Item {{sku}}' })
      .then('media', {
        mediaType: 'document',
        link: 'https://cdn.test/i.pdf',
        filename: 'invoice.pdf',
        caption: 'Invoice',
      })
      .then('media', { mediaType: 'video', link: 'https://cdn.test/v.mp4' })
      .then('media', { mediaType: 'audio', link: 'https://cdn.test/a.ogg' })
      .graph();
    const step = startInbound(graph, { variables: { sku: 'S1' } });
    assert.deepEqual(sent(step), [
      { kind: 'media', mediaType: 'image', link: 'https://cdn.test/S1.png', caption: 'Item S1' },
      {
        kind: 'media',
        mediaType: 'document',
        link: 'https://cdn.test/i.pdf',
        caption: 'Invoice',
        filename: 'invoice.pdf',
      },
      { kind: 'media', mediaType: 'video', link: 'https://cdn.test/v.mp4' },
      { kind: 'media', mediaType: 'audio', link: 'https://cdn.test/a.ogg' },
    ]);
  });

  it('with the window closed: takes window_closed', () => {
    const graph = flow()
      .start()
      .then('media', { mediaType: 'image', link: 'https://cdn.test/a.png' }, { as: 'm' })
      .at('m', 'window_closed')
      .then('end', { outcome: 'failed', reason: 'no_window' })
      .graph();
    const step = startOutbound(graph);
    assert.deepEqual(sent(step), []);
    assertEnded(step, 'failed', 'no_window');
  });
});

describe('template node', () => {
  const graph = flow()
    .start()
    .then('template', {
      name: 'order_update',
      language: 'en_US',
      bodyParams: ['{{name}}', '{{order.total}}'],
      headerParams: ['{{order.id}}'],
      buttonParams: [{ index: 0, subType: 'quick_reply', value: 'track-{{order.id}}' }],
    })
    .then('end', {})
    .graph();

  it('sends the template with rendered parameters even though the window is closed', () => {
    const step = startOutbound(graph, { variables: { name: 'Bo', order: { id: 'A-9', total: 12.5 } } });
    assert.deepEqual(sent(step), [
      {
        kind: 'template',
        name: 'order_update',
        language: 'en_US',
        bodyParams: ['Bo', '12.5'],
        headerParams: ['A-9'],
        buttonParams: [{ index: 0, subType: 'quick_reply', value: 'track-A-9' }],
      },
    ]);
    assertEnded(step, 'completed');
  });

  it('does not open the window: a message after it still takes window_closed', () => {
    const afterTemplate = flow()
      .start()
      .then('template', { name: 'hello', language: 'en' })
      .then('message', { text: 'And another thing' })
      .graph();
    const step = startOutbound(afterTemplate);
    assert.deepEqual(
      sent(step).map((message) => message.kind),
      ['template'],
    );
    assertEnded(step, 'failed', 'window_closed');
  });
});

describe('the opening template of an outbound trigger', () => {
  it('is sent first, attributed to the start node, and the flow continues', () => {
    const graph = flow()
      .start()
      .then('question', { variable: 'answer', validation: 'text' })
      .then('message', { text: 'Got {{answer}}' })
      .graph();
    const step = startOutbound(graph, {
      openingTemplate: { name: 'promo', language: 'en', bodyParams: ['Ann'] },
    });
    assert.deepEqual(step.actions[0], {
      type: 'send',
      nodeId: '1',
      message: { kind: 'template', name: 'promo', language: 'en', bodyParams: ['Ann'] },
    });
    assert.equal(step.wait?.kind, 'reply');
    assert.equal(step.state.transcript[0].text, '[template promo] Ann');
    const answered = reply(graph, step, 'Sounds good', T0 + 3 * HOUR);
    assert.deepEqual(sent(answered), [{ kind: 'text', body: 'Got Sounds good' }]);
  });

  it('a message sent later than 24 hours after the customer wrote takes window_closed', () => {
    const graph = flow()
      .start()
      .then('question', { variable: 'a', validation: 'text' })
      .then('delay', { amount: 25, unit: 'hours' })
      .then('message', { text: 'Still there?' })
      .graph();
    let step = startOutbound(graph);
    step = reply(graph, step, 'yes', T0 + MINUTE);
    assert.equal(step.wait?.kind, 'timer');
    step = fireTimer(graph, step);
    assertEnded(step, 'failed', 'window_closed');
  });
});
