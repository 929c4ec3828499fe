/**
 * parseFlowGraph is the workflow's zod-free reading of a stored snapshot: it checks the structure
 * and trusts node data the API validated. These tests pin it to the validator: same graph for every
 * valid flow, the same blocking structural problems for every broken one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  analyseFlowGraph,
  BLOCKING_PROBLEMS,
  InvalidFlowGraphError,
  parseFlowGraph,
  validateFlowGraph,
  type DrawflowDocument,
  type FlowProblem,
  type FlowProblemCode,
} from '../../workflows/engine';
import { everyNodeTypeFlow, flow } from '../support/flow-builder';

function hello(): DrawflowDocument {
  return flow().start().then('message', { text: 'Hello' }).then('end', {}).build();
}

function blockingCodes(problems: FlowProblem[]): FlowProblemCode[] {
  return [...new Set(problems.map((problem) => problem.code))]
    .filter((code) => BLOCKING_PROBLEMS.has(code))
    .sort();
}

describe('parseFlowGraph: valid snapshots', () => {
  const flows: [string, () => DrawflowDocument][] = [
    ['a two-node flow', hello],
    ['a flow with every node type and a cycle', everyNodeTypeFlow],
    [
      'a flow with an unreachable node',
      () => flow().start().then('end', {}).add('message', { text: 'lost' }).build(),
    ],
  ];
  for (const [label, build] of flows) {
    it(`builds the validator's graph for ${label}`, () => {
      const doc = build();
      assert.deepEqual(parseFlowGraph(doc), analyseFlowGraph(doc).graph);
    });
  }
});

describe('parseFlowGraph: broken structure', () => {
  const breakages: [string, (doc: DrawflowDocument) => unknown][] = [
    ['not Drawflow JSON', () => ({ drawflow: {} })],
    ['Home data that is not an object', () => ({ drawflow: { Home: { data: 'x' } } })],
    [
      'a node without inputs',
      (doc) => {
        delete (doc.drawflow.Home.data['2'] as Partial<DrawflowDocument['drawflow']['Home']['data'][string]>)
          .inputs;
        return doc;
      },
    ],
    [
      'a node whose id is not its key',
      (doc) => {
        doc.drawflow.Home.data['2'].id = 7;
        return doc;
      },
    ],
    [
      'an unknown node type',
      (doc) => {
        doc.drawflow.Home.data['2'].name = 'telepathy';
        return doc;
      },
    ],
    [
      'a dangling connection',
      (doc) => {
        doc.drawflow.Home.data['2'].outputs.output_1.connections = [{ node: '99', output: 'input_1' }];
        return doc;
      },
    ],
    [
      'a connection only one side lists',
      (doc) => {
        doc.drawflow.Home.data['3'].inputs.input_1.connections = [];
        return doc;
      },
    ],
    [
      'an output with a made-up name',
      (doc) => {
        doc.drawflow.Home.data['2'].outputs.yes = { connections: [] };
        return doc;
      },
    ],
    [
      'no start node',
      (doc) => {
        doc.drawflow.Home.data['1'].name = 'end';
        return doc;
      },
    ],
    [
      'a second start node',
      (doc) => {
        doc.drawflow.Home.data['3'].name = 'start';
        return doc;
      },
    ],
  ];
  for (const [label, breakDoc] of breakages) {
    it(`refuses ${label} with the validator's blocking problems`, () => {
      const broken = breakDoc(hello());
      const expected = blockingCodes(validateFlowGraph(broken));
      assert.ok(expected.length > 0, 'the breakage must block running');
      assert.throws(
        () => parseFlowGraph(broken),
        (error: unknown) => {
          assert.ok(error instanceof InvalidFlowGraphError);
          assert.deepEqual(blockingCodes(error.problems), expected);
          assert.match(error.message, /cannot run/);
          return true;
        },
      );
    });
  }

  it('trusts node data: the API validated it before the run started', () => {
    const doc = hello();
    doc.drawflow.Home.data['2'].data = {};
    assert.equal(validateFlowGraph(doc)[0]?.path, 'nodes.2.data.text');
    assert.deepEqual(parseFlowGraph(doc).nodes['2'].data, {});
  });
});
