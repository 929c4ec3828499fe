import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  InvalidFlowGraphError,
  parseFlowGraph,
  validateFlowGraph,
  type DrawflowDocument,
  type FlowProblem,
  type FlowProblemCode,
} from '../../workflows/engine';
import { flow } from '../support/flow-builder';

/** A valid two-node flow to break in one place per test. */
function hello(): DrawflowDocument {
  return flow().start().then('message', { text: 'Hello' }).then('end', {}).build();
}

function codes(problems: FlowProblem[]): FlowProblemCode[] {
  return problems.map((problem) => problem.code);
}

function only(problems: FlowProblem[], code: FlowProblemCode): FlowProblem {
  assert.deepEqual(codes(problems), [code], JSON.stringify(problems, null, 2));
  return problems[0];
}

describe('validateFlowGraph: valid flows', () => {
  it('accepts a flow that uses every node type', () => {
    const doc = flow()
      .start()
      .then('message', { text: 'Hi {{name}}' })
      .then('media', { mediaType: 'image', link: 'https://example.com/a.png', caption: 'Look' })
      .then('buttons', { text: 'Pick', buttons: [{ title: 'Yes' }, { title: 'No' }] }, { as: 'pick' })
      .then('list', {
        text: 'Menu',
        buttonLabel: 'Open',
        sections: [{ title: 'Food', rows: [{ title: 'Pizza', description: 'Hot' }] }],
      })
      .then('question', { prompt: 'Email?', variable: 'email', validation: 'email' })
      .then('condition', { rules: [{ variable: 'email', operator: 'contains', value: '@' }] })
      .then('set_variable', { assignments: [{ variable: 'x', value: '1' }] })
      .then('http_request', { method: 'GET', url: 'https://api.example.com/{{x}}' })
      .then('ai_router', { intents: [{ name: 'buy', description: 'wants to buy' }] })
      .then('ai_reply', { systemPrompt: 'Be kind' })
      .then('delay', { amount: 5, unit: 'minutes' })
      .then('template', { name: 'follow_up', language: 'en_US', bodyParams: ['{{name}}'] })
      .then('handoff', { message: 'An agent is coming', timeoutMinutes: 30 })
      .then('end', {})
      .at('pick', 'button_2')
      .to('pick')
      .build();
    assert.deepEqual(validateFlowGraph(doc), []);
    const graph = parseFlowGraph(doc);
    assert.equal(graph.startNodeId, '1');
    assert.equal(Object.keys(graph.nodes).length, 15);
    assert.deepEqual(graph.nodes['4'].next, ['5', '4', null, null]);
  });

  it('accepts string ids in connections and numeric ids that match keys', () => {
    const doc = hello();
    doc.drawflow.Home.data['1'].outputs.output_1.connections[0].node = '2';
    assert.deepEqual(validateFlowGraph(doc), []);
  });
});

describe('validateFlowGraph: document and node shape', () => {
  const documents: [string, unknown, string][] = [
    ['null', null, 'drawflow'],
    ['an empty object', {}, 'drawflow'],
    ['no Home module', { drawflow: {} }, 'drawflow.Home'],
    ['data not an object', { drawflow: { Home: { data: 'x' } } }, 'drawflow.Home.data'],
  ];
  for (const [label, document, path] of documents) {
    it(`reports invalid_document for ${label}`, () => {
      const problem = only(validateFlowGraph(document), 'invalid_document');
      assert.equal(problem.path, path);
      assert.match(problem.message, /not Drawflow JSON/);
    });
  }

  it('reports invalid_node with the broken field', () => {
    const doc = hello() as unknown as {
      drawflow: { Home: { data: Record<string, Record<string, unknown>> } };
    };
    delete doc.drawflow.Home.data['2'].inputs;
    const problems = validateFlowGraph(doc);
    const shape = problems.find((problem) => problem.code === 'invalid_node');
    assert.equal(shape?.path, 'nodes.2.inputs');
    assert.equal(shape?.nodeId, '2');
    assert.match(shape?.message ?? '', /Node 2 is not a valid Drawflow node: inputs: This field is required/);
  });

  it('reports node_id_mismatch', () => {
    const doc = hello();
    doc.drawflow.Home.data['2'].id = 7;
    const problem = only(validateFlowGraph(doc), 'node_id_mismatch');
    assert.equal(problem.path, 'nodes.2.id');
  });

  it('reports unknown_type', () => {
    const doc = hello();
    doc.drawflow.Home.data['2'].name = 'telepathy';
    const problem = only(validateFlowGraph(doc), 'unknown_type');
    assert.equal(problem.path, 'nodes.2.name');
    assert.match(problem.message, /unknown type "telepathy"/);
  });
});

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

describe('validateFlowGraph: connections', () => {
  it('reports a dangling output connection', () => {
    const doc = hello();
    doc.drawflow.Home.data['2'].outputs.output_1.connections = [{ node: '99', output: 'input_1' }];
    const problems = validateFlowGraph(doc);
    const dangling = problems.find((problem) => problem.code === 'dangling_connection');
    assert.equal(dangling?.path, 'nodes.2.outputs.output_1.connections[0]');
    assert.match(dangling?.message ?? '', /node 99, which does not exist/);
  });

  it('reports a dangling input connection', () => {
    const doc = hello();
    doc.drawflow.Home.data['3'].inputs.input_1.connections.push({ node: '42', input: 'output_1' });
    const problem = only(validateFlowGraph(doc), 'dangling_connection');
    assert.equal(problem.path, 'nodes.3.inputs.input_1.connections[1]');
    assert.match(problem.message, /comes from node 42, which does not exist/);
  });

  it('reports an output without its mirror input', () => {
    const doc = hello();
    doc.drawflow.Home.data['3'].inputs.input_1.connections = [];
    const problem = only(validateFlowGraph(doc), 'asymmetric_connection');
    assert.equal(problem.path, 'nodes.2.outputs.output_1.connections[0]');
    assert.match(problem.message, /node 3 does not list that connection/);
  });

  it('reports an input without its mirror output', () => {
    const doc = hello();
    doc.drawflow.Home.data['2'].inputs.input_1.connections.push({ node: '3', input: 'output_1' });
    const problem = only(validateFlowGraph(doc), 'asymmetric_connection');
    assert.equal(problem.path, 'nodes.2.inputs.input_1.connections[1]');
  });

  it('reports an output connected beyond the node’s outputs', () => {
    const doc = flow()
      .start()
      .then('set_variable', { assignments: [{ variable: 'a', value: '1' }] })
      .then('end', {})
      .build();
    const node = doc.drawflow.Home.data['2'];
    node.outputs.output_2 = node.outputs.output_1;
    delete node.outputs.output_1;
    doc.drawflow.Home.data['3'].inputs.input_1.connections[0].input = 'output_2';
    const problem = only(validateFlowGraph(doc), 'output_out_of_range');
    assert.equal(problem.path, 'nodes.2.outputs.output_2');
    assert.match(problem.message, /has only 1 output\(s\), but output_2 is connected/);
  });

  it('reports an output connected to several nodes', () => {
    const doc = flow()
      .start()
      .then('message', { text: 'a' }, { as: 'a' })
      .add('message', { text: 'b' }, { as: 'b' })
      .connect('1', 1, 'b')
      .build();
    const problem = only(validateFlowGraph(doc), 'output_has_several_connections');
    assert.equal(problem.path, 'nodes.1.outputs.output_1');
  });

  it('reports an output with a made-up name', () => {
    const doc = hello();
    doc.drawflow.Home.data['2'].outputs.yes = { connections: [] };
    assert.equal(only(validateFlowGraph(doc), 'unknown_port').path, 'nodes.2.outputs.yes');
  });

  it('reports a connection into the start node', () => {
    const doc = flow().start().then('message', { text: 'again' }).build();
    const start = doc.drawflow.Home.data['1'];
    start.inputs.input_1 = { connections: [{ node: '2', input: 'output_1' }] };
    doc.drawflow.Home.data['2'].outputs.output_1.connections.push({ node: '1', output: 'input_1' });
    const problem = only(validateFlowGraph(doc), 'start_has_incoming');
    assert.equal(problem.nodeId, '1');
  });
});

describe('validateFlowGraph: start and reachability', () => {
  it('reports a flow without a start node', () => {
    const doc = flow().add('message', { text: 'orphan' }).build();
    const problems = validateFlowGraph(doc);
    assert.deepEqual(codes(problems), ['no_start']);
    assert.match(problems[0].message, /no start node/);
  });

  it('reports an empty flow as having no start node', () => {
    assert.deepEqual(codes(validateFlowGraph({ drawflow: { Home: { data: {} } } })), ['no_start']);
  });

  it('reports each extra start node', () => {
    const doc = flow().start().then('end', {}).add('start', {}).then('end', {}).build();
    const problem = only(validateFlowGraph(doc), 'several_starts');
    assert.equal(problem.nodeId, '3');
    assert.match(problem.message, /second start node \(node 1 is the first\)/);
  });

  it('reports unreachable nodes (and only those)', () => {
    const doc = flow().start().then('end', {}).add('message', { text: 'lost' }).then('end', {}).build();
    const problems = validateFlowGraph(doc);
    assert.deepEqual(codes(problems), ['unreachable_node', 'unreachable_node']);
    assert.deepEqual(
      problems.map((problem) => problem.nodeId),
      ['3', '4'],
    );
    assert.match(problems[0].message, /Node 3 \(message\) cannot be reached from the start node/);
  });

  it('parseFlowGraph refuses blocking problems but tolerates unreachable nodes', () => {
    const unreachable = flow().start().then('end', {}).add('message', { text: 'lost' }).build();
    assert.ok(parseFlowGraph(unreachable).nodes['3']);
    const broken = hello();
    broken.drawflow.Home.data['2'].data = {};
    assert.throws(
      () => parseFlowGraph(broken),
      (error: unknown) => {
        assert.ok(error instanceof InvalidFlowGraphError);
        assert.equal(error.problems[0].path, 'nodes.2.data.text');
        assert.match(error.message, /cannot run/);
        return true;
      },
    );
  });
});

describe('validateFlowGraph: opening template for business-initiated flows', () => {
  const opensWithMessage = () => flow().start().then('message', { text: 'Hi' }).then('end', {}).build();
  const opensWithTemplate = () =>
    flow()
      .start()
      .then('template', { name: 'hello', language: 'en' })
      .then('message', { text: 'Hi' })
      .build();

  for (const trigger of ['outbound', 'lead'] as const) {
    it(`requires a template first for ${trigger} flows`, () => {
      const problem = only(validateFlowGraph(opensWithMessage(), { trigger }), 'opening_template_required');
      assert.equal(problem.nodeId, '2');
      assert.match(problem.message, /must open with an approved template/);
      assert.deepEqual(validateFlowGraph(opensWithTemplate(), { trigger }), []);
    });
  }

  it('accepts any opening when the trigger sends the template', () => {
    assert.deepEqual(
      validateFlowGraph(opensWithMessage(), { trigger: 'outbound', openingTemplateProvided: true }),
      [],
    );
  });

  it('does not apply to inbound flows or when no trigger is given', () => {
    assert.deepEqual(validateFlowGraph(opensWithMessage(), { trigger: 'inbound' }), []);
    assert.deepEqual(validateFlowGraph(opensWithMessage()), []);
  });

  it('looks through non-sending nodes and checks every branch', () => {
    const doc = flow()
      .start()
      .then('set_variable', { assignments: [{ variable: 'a', value: '1' }] })
      .then('condition', { rules: [{ variable: 'a', operator: 'equals', value: '1' }] }, { as: 'c' })
      .then('template', { name: 'hello', language: 'en' })
      .at('c', 'else')
      .then('buttons', { text: 'Pick', buttons: [{ title: 'A' }] })
      .build();
    const problem = only(validateFlowGraph(doc, { trigger: 'lead' }), 'opening_template_required');
    assert.equal(problem.nodeId, '5');
  });

  it('stops at a prompt-less question: the customer’s answer opens the window', () => {
    const doc = flow()
      .start()
      .then('question', { variable: 'answer', validation: 'text' })
      .then('message', { text: 'Thanks' })
      .build();
    assert.deepEqual(validateFlowGraph(doc, { trigger: 'outbound' }), []);
  });

  it('terminates on a cycle of non-sending nodes', () => {
    const doc = flow()
      .start()
      .then('set_variable', { assignments: [{ variable: 'a', value: '1' }] }, { as: 'loop' })
      .then('delay', { amount: 1, unit: 'seconds' })
      .to('loop')
      .build();
    assert.deepEqual(validateFlowGraph(doc, { trigger: 'outbound' }), []);
  });
});
