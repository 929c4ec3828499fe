import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFlowGraph, type DrawflowDocument } from '../../workflows/engine';
import { flow } from '../support/flow-builder';

/** A valid flow whose node 2 each case replaces with bad data. */
function hello(): DrawflowDocument {
  return flow().start().then('message', { text: 'Hello' }).then('end', {}).build();
}

describe('validateFlowGraph: node data', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: { label: string; type: string; data: unknown; path: string; message: RegExp }[] = [
    {
      label: 'missing message text',
      type: 'message',
      data: {},
      path: 'nodes.2.data.text',
      message: /text: This field is required/,
    },
    {
      label: 'empty message text',
      type: 'message',
      data: { text: '' },
      path: 'nodes.2.data.text',
      message: /empty/,
    },
    {
      label: 'text over 4096',
      type: 'message',
      data: { text: long(4097) },
      path: 'nodes.2.data.text',
      message: /at most 4096/,
    },
    {
      label: 'wrong field type',
      type: 'message',
      data: { text: 5 },
      path: 'nodes.2.data.text',
      message: /Expected a string/,
    },
    {
      label: 'caption over 1024',
      type: 'media',
      data: { mediaType: 'image', link: 'https://x.test/a.png', caption: long(1025) },
      path: 'nodes.2.data.caption',
      message: /at most 1024/,
    },
    {
      label: 'unknown media type',
      type: 'media',
      data: { mediaType: 'gif', link: 'https://x.test/a.gif' },
      path: 'nodes.2.data.mediaType',
      message: /Must be one of: "image", "video", "document", "audio"/,
    },
    {
      label: 'media link not a URL',
      type: 'media',
      data: { mediaType: 'image', link: 'a.png' },
      path: 'nodes.2.data.link',
      message: /https:\/\//,
    },
    {
      label: 'caption on audio',
      type: 'media',
      data: { mediaType: 'audio', link: 'https://x.test/a.ogg', caption: 'hi' },
      path: 'nodes.2.data.caption',
      message: /audio/,
    },
    {
      label: 'four buttons',
      type: 'buttons',
      data: { text: 'Pick', buttons: [{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title: 'd' }] },
      path: 'nodes.2.data.buttons',
      message: /at most 3 buttons/,
    },
    {
      label: 'no buttons',
      type: 'buttons',
      data: { text: 'Pick', buttons: [] },
      path: 'nodes.2.data.buttons',
      message: /at least one button/,
    },
    {
      label: 'button title over 20',
      type: 'buttons',
      data: { text: 'Pick', buttons: [{ title: 'ok' }, { title: long(21) }] },
      path: 'nodes.2.data.buttons[1].title',
      message: /Node 2 \(buttons\), buttons\[1\]\.title: A button title can have at most 20 characters/,
    },
    {
      label: 'duplicate button titles',
      type: 'buttons',
      data: { text: 'Pick', buttons: [{ title: 'Yes' }, { title: 'yes ' }] },
      path: 'nodes.2.data.buttons[1].title',
      message: /same title as button 1/,
    },
    {
      label: 'button body over 1024',
      type: 'buttons',
      data: { text: long(1025), buttons: [{ title: 'a' }] },
      path: 'nodes.2.data.text',
      message: /at most 1024/,
    },
    {
      label: 'header over 60',
      type: 'buttons',
      data: { text: 'x', header: long(61), buttons: [{ title: 'a' }] },
      path: 'nodes.2.data.header',
      message: /at most 60/,
    },
    {
      label: 'eleven list rows',
      type: 'list',
      data: {
        text: 'Menu',
        buttonLabel: 'Open',
        sections: [
          { title: 'A', rows: Array.from({ length: 6 }, (_, i) => ({ title: `a${i}` })) },
          { title: 'B', rows: Array.from({ length: 5 }, (_, i) => ({ title: `b${i}` })) },
        ],
      },
      path: 'nodes.2.data.sections',
      message: /11 rows; WhatsApp allows at most 10/,
    },
    {
      label: 'list row title over 24',
      type: 'list',
      data: { text: 'Menu', buttonLabel: 'Open', sections: [{ rows: [{ title: long(25) }] }] },
      path: 'nodes.2.data.sections[0].rows[0].title',
      message: /at most 24/,
    },
    {
      label: 'list row description over 72',
      type: 'list',
      data: {
        text: 'Menu',
        buttonLabel: 'Open',
        sections: [{ rows: [{ title: 'a', description: long(73) }] }],
      },
      path: 'nodes.2.data.sections[0].rows[0].description',
      message: /at most 72/,
    },
    {
      label: 'list button label over 20',
      type: 'list',
      data: { text: 'Menu', buttonLabel: long(21), sections: [{ rows: [{ title: 'a' }] }] },
      path: 'nodes.2.data.buttonLabel',
      message: /at most 20/,
    },
    {
      label: 'duplicate list rows',
      type: 'list',
      data: { text: 'Menu', buttonLabel: 'Open', sections: [{ rows: [{ title: 'a' }, { title: 'A' }] }] },
      path: 'nodes.2.data.sections[0].rows[1].title',
      message: /distinct row titles/,
    },
    {
      label: 'untitled sections',
      type: 'list',
      data: {
        text: 'Menu',
        buttonLabel: 'Open',
        sections: [{ rows: [{ title: 'a' }] }, { rows: [{ title: 'b' }] }],
      },
      path: 'nodes.2.data.sections',
      message: /every section needs a title/,
    },
    {
      label: 'template name with spaces',
      type: 'template',
      data: { name: 'Hello World', language: 'en' },
      path: 'nodes.2.data.name',
      message: /lowercase letters/,
    },
    {
      label: 'template language',
      type: 'template',
      data: { name: 'hello', language: 'English' },
      path: 'nodes.2.data.language',
      message: /en_US/,
    },
    {
      label: 'question without variable',
      type: 'question',
      data: { prompt: 'Age?', validation: 'number' },
      path: 'nodes.2.data.variable',
      message: /required/,
    },
    {
      label: 'question variable name',
      type: 'question',
      data: { prompt: 'Age?', variable: 'my age', validation: 'number' },
      path: 'nodes.2.data.variable',
      message: /letters, digits and underscores/,
    },
    {
      label: 'choice question without choices',
      type: 'question',
      data: { prompt: 'Size?', variable: 'size', validation: 'choice' },
      path: 'nodes.2.data.choices',
      message: /at least one choice/,
    },
    {
      label: 'negative timeout',
      type: 'question',
      data: { prompt: 'Size?', variable: 'size', validation: 'text', timeoutMinutes: -1 },
      path: 'nodes.2.data.timeoutMinutes',
      message: /more than 0 minutes/,
    },
    {
      label: 'condition without rules',
      type: 'condition',
      data: { rules: [] },
      path: 'nodes.2.data.rules',
      message: /at least one rule/,
    },
    {
      label: 'condition rule without value',
      type: 'condition',
      data: { rules: [{ variable: 'age', operator: 'gt' }] },
      path: 'nodes.2.data.rules[0].value',
      message: /"gt" rule needs a value/,
    },
    {
      label: 'invalid regular expression',
      type: 'condition',
      data: { rules: [{ variable: 'x', operator: 'matches', value: '([' }] },
      path: 'nodes.2.data.rules[0].value',
      message: /not a valid regular expression/,
    },
    {
      label: 'unknown operator',
      type: 'condition',
      data: { rules: [{ variable: 'x', operator: 'approximately', value: '1' }] },
      path: 'nodes.2.data.rules[0].operator',
      message: /Must be one of/,
    },
    {
      label: 'set_variable without assignments',
      type: 'set_variable',
      data: { assignments: [] },
      path: 'nodes.2.data.assignments',
      message: /at least one variable/,
    },
    {
      label: 'http url without scheme',
      type: 'http_request',
      data: { method: 'GET', url: 'example.com' },
      path: 'nodes.2.data.url',
      message: /http:\/\/ or https:\/\//,
    },
    {
      label: 'http method',
      type: 'http_request',
      data: { method: 'FETCH', url: 'https://example.com' },
      path: 'nodes.2.data.method',
      message: /Must be one of/,
    },
    {
      label: 'ai_reply without prompt',
      type: 'ai_reply',
      data: {},
      path: 'nodes.2.data.systemPrompt',
      message: /required/,
    },
    {
      label: 'ai_router duplicate intents',
      type: 'ai_router',
      data: {
        intents: [
          { name: 'buy', description: 'a' },
          { name: 'buy', description: 'b' },
        ],
      },
      path: 'nodes.2.data.intents[1].name',
      message: /used twice/,
    },
    {
      label: 'ai_router reserved intent',
      type: 'ai_router',
      data: { intents: [{ name: 'fallback', description: 'a' }] },
      path: 'nodes.2.data.intents[0].name',
      message: /reserved/,
    },
    {
      label: 'delay unit',
      type: 'delay',
      data: { amount: 1, unit: 'weeks' },
      path: 'nodes.2.data.unit',
      message: /Must be one of/,
    },
    {
      label: 'delay over a year',
      type: 'delay',
      data: { amount: 400, unit: 'days' },
      path: 'nodes.2.data.amount',
      message: /365 days/,
    },
    {
      label: 'end outcome',
      type: 'end',
      data: { outcome: 'exploded' },
      path: 'nodes.2.data.outcome',
      message: /Must be one of/,
    },
  ];
  for (const { label, type, data, path, message } of cases) {
    it(`reports invalid_data: ${label}`, () => {
      const doc = hello();
      doc.drawflow.Home.data['2'].name = type;
      doc.drawflow.Home.data['2'].data = data;
      const problems = validateFlowGraph(doc).filter((problem) => problem.code !== 'output_out_of_range');
      const problem = problems.find((candidate) => candidate.path === path);
      assert.ok(problem, `no problem at ${path}: ${JSON.stringify(problems, null, 2)}`);
      assert.equal(problem.code, 'invalid_data');
      assert.equal(problem.nodeId, '2');
      assert.match(problem.message, message);
      assert.match(problem.message, new RegExp(`^Node 2 \\(${type}\\)`));
    });
  }

  it('reports every problem, not just the first', () => {
    const doc = hello();
    doc.drawflow.Home.data['2'].name = 'buttons';
    doc.drawflow.Home.data['2'].data = { text: '', buttons: [{ title: 'x'.repeat(21) }, { title: '' }] };
    const paths = validateFlowGraph(doc).map((problem) => problem.path);
    assert.deepEqual(paths.sort(), [
      'nodes.2.data.buttons[0].title',
      'nodes.2.data.buttons[1].title',
      'nodes.2.data.text',
    ]);
  });
});
