import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flow } from '../support/flow-builder';
import {
  assertEnded,
  assertWaiting,
  fireTimer,
  HOUR,
  MINUTE,
  reply,
  sent,
  sentTexts,
  startInbound,
  startOutbound,
  T0,
} from './engine-test-kit';

describe('buttons node', () => {
  const build = (withOther: boolean) => {
    const builder = flow()
      .start()
      .then(
        'buttons',
        {
          text: 'Hi {{name}}, coffee?',
          header: 'Menu',
          footer: 'Reply below',
          buttons: [{ title: 'Yes' }, { title: 'No' }],
          variable: 'choice',
          timeoutMinutes: 30,
        },
        { as: 'ask' },
      )
      .then('message', { text: 'Yes: {{choice}}' })
      .at('ask', 'button_2')
      .then('message', { text: 'No: {{choice}}' })
      .at('ask', 'timeout')
      .then('message', { text: 'Timed out' });
    if (withOther) builder.at('ask', 'other').then('message', { text: 'Other: {{choice}}' });
    return builder.graph();
  };

  it('sends the buttons with node-scoped reply ids and waits for a reply', () => {
    const step = startInbound(build(false), { variables: { name: 'Ann' } });
    assert.deepEqual(sent(step), [
      {
        kind: 'buttons',
        body: 'Hi Ann, coffee?',
        header: 'Menu',
        footer: 'Reply below',
        buttons: [
          { id: '2.button_1', title: 'Yes' },
          { id: '2.button_2', title: 'No' },
        ],
      },
    ]);
    assertWaiting(step, 'reply', '2');
    assert.equal(step.wait?.kind === 'reply' && step.wait.deadlineAt, T0 + 30 * MINUTE);
  });

  const picks: [string, string, string | undefined, string][] = [
    ['a tap on button 1', '', '2.button_1', 'Yes: Yes'],
    ['a tap on button 2', 'whatever the label said', '2.button_2', 'No: No'],
    ['typing a title, any case', '  no ', undefined, 'No: No'],
  ];
  for (const [label, text, payload, expected] of picks) {
    it(`follows the picked button: ${label}`, () => {
      const graph = build(false);
      const step = reply(graph, startInbound(graph), text, T0 + MINUTE, payload);
      assert.deepEqual(sentTexts(step), [expected]);
      assertEnded(step, 'completed');
    });
  }

  it('matches typed answers against the templated titles the customer saw', () => {
    const graph = flow()
      .start()
      .then('buttons', {
        text: 'Pick',
        buttons: [{ title: 'Keep {{plan}}' }, { title: 'Cancel' }],
        variable: 'pick',
      })
      .then('message', { text: 'picked {{pick}}' })
      .graph();
    const step = reply(graph, startInbound(graph, { variables: { plan: 'Gold' } }), 'keep gold');
    assert.deepEqual(sentTexts(step), ['picked Keep Gold']);
  });

  it('takes `other` for anything else when connected, saving the text', () => {
    const graph = build(true);
    const step = reply(graph, startInbound(graph), 'maybe later');
    assert.deepEqual(sentTexts(step), ['Other: maybe later']);
  });

  it('sends the buttons again when `other` is not connected (a tap on a stale message counts as other)', () => {
    const graph = build(false);
    const step = reply(graph, startInbound(graph), 'Yes?', T0 + MINUTE, '9.button_1');
    assert.deepEqual(sentTexts(step), ['<buttons>']);
    assertWaiting(step, 'reply', '2');
    assert.equal(step.state.retries, 1);
  });

  it('takes `timeout` when the timer fires', () => {
    const graph = build(false);
    const step = fireTimer(graph, startInbound(graph));
    assert.deepEqual(sentTexts(step), ['Timed out']);
  });

  it('with the window closed: takes `timeout` without sending', () => {
    const step = startOutbound(build(false));
    assert.deepEqual(sent(step), []);
    assertEnded(step, 'failed', 'window_closed');
  });
});

describe('list node', () => {
  const graph = flow()
    .start()
    .then(
      'list',
      {
        text: 'Pick a size',
        buttonLabel: 'Sizes',
        sections: [
          { title: 'Small', rows: [{ title: 'XS', description: 'Extra small' }, { title: 'S' }] },
          { title: 'Large', rows: [{ title: 'L' }] },
        ],
        variable: 'size',
      },
      { as: 'sizes' },
    )
    .then('message', { text: 'row1 {{size}}' })
    .at('sizes', 'row_3')
    .then('message', { text: 'row3 {{size}}' })
    .at('sizes', 'other')
    .then('message', { text: 'other {{size}}' })
    .at('sizes', 'timeout')
    .then('end', { outcome: 'failed', reason: 'no_size' })
    .graph();

  it('sends sections with row ids numbered across sections', () => {
    const step = startInbound(graph);
    assert.deepEqual(sent(step), [
      {
        kind: 'list',
        body: 'Pick a size',
        buttonLabel: 'Sizes',
        sections: [
          {
            title: 'Small',
            rows: [
              { id: '2.row_1', title: 'XS', description: 'Extra small' },
              { id: '2.row_2', title: 'S' },
            ],
          },
          { title: 'Large', rows: [{ id: '2.row_3', title: 'L' }] },
        ],
      },
    ]);
    assertWaiting(step, 'reply', '2');
    assert.equal(
      step.wait?.kind === 'reply' && step.wait.deadlineAt,
      T0 + 24 * HOUR,
      'no own timeout: capped by the window',
    );
  });

  it('follows the picked row by id or title, else `other`', () => {
    assert.deepEqual(sentTexts(reply(graph, startInbound(graph), 'L', T0, '2.row_3')), ['row3 L']);
    assert.deepEqual(sentTexts(reply(graph, startInbound(graph), 'xs')), ['row1 XS']);
    assert.deepEqual(sentTexts(reply(graph, startInbound(graph), 'huge')), ['other huge']);
  });

  it('an unconnected row output ends the run as completed', () => {
    const step = reply(graph, startInbound(graph), 'S', T0, '2.row_2');
    assertEnded(step, 'completed');
  });

  it('takes `timeout` when the window closes without a pick', () => {
    assertEnded(fireTimer(graph, startInbound(graph)), 'failed', 'no_size');
  });

  it('with the window closed: takes `timeout` without sending', () => {
    const step = startOutbound(graph);
    assert.deepEqual(sent(step), []);
    assertEnded(step, 'failed', 'no_size');
  });

  it('sends the list again when `other` is unconnected', () => {
    const bare = flow()
      .start()
      .then('list', { text: 'Pick', buttonLabel: 'Open', sections: [{ rows: [{ title: 'A' }] }] })
      .graph();
    const step = reply(bare, startInbound(bare), 'B');
    assert.deepEqual(sentTexts(step), ['<list>']);
    assert.equal(step.state.retries, 1);
  });
});
