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
import { everyNodeTypeFlow, flow } from '../support/flow-builder';

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
    const doc = everyNodeTypeFlow();
    assert.deepEqual(validateFlowGraph(doc), []);
    const graph = parseFlowGraph(doc);
    assert.equal(graph.startNodeId, '1');
    assert.equal(Object.keys(graph.nodes).length, 16);
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
    broken.drawflow.Home.data['2'].outputs.output_1.connections = [{ node: '99', output: 'input_1' }];
    assert.throws(
      () => parseFlowGraph(broken),
      (error: unknown) => {
        assert.ok(error instanceof InvalidFlowGraphError);
        assert.equal(error.problems[0].path, 'nodes.2.outputs.output_1.connections[0]');
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
