import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compactGraphSchema, type CompactGraph } from '../../activities/flow-generation/compact-graph-schema';
import { LAYOUT, layoutFlow } from '../../activities/flow-generation/layout-flow';
import { dropNullFields, toStrictJsonSchema } from '../../activities/flow-generation/strict-json-schema';
import { CompactGraphError, toDrawflowDocument } from '../../activities/flow-generation/to-drawflow-document';
import { nodeTypes } from '../../workflows/engine/catalogue';
import type { DrawflowDocument, DrawflowNode } from '../../workflows/engine/model/drawflow-document';
import { validateFlowGraph } from '../../workflows/engine/validation/validate-flow-graph';
import { asStrictAnswer, pizzaSupportGraph } from '../support/generated-graphs';

function nodesOf(document: DrawflowDocument): DrawflowNode[] {
  return Object.values(document.drawflow.Home.data);
}

/** A straight line start → m1 → … → mN → end, plus optional extra edges. */
function lineGraph(length: number, extraEdges: CompactGraph['edges'] = []): CompactGraph {
  const messages = Array.from({ length }, (_, i) => `m${i + 1}`);
  return {
    name: 'Line',
    description: '',
    nodes: [
      { id: 'start', type: 'start', data: {} },
      ...messages.map((id) => ({ id, type: 'message' as const, data: { text: id } })),
      { id: 'end', type: 'end', data: {} },
    ],
    edges: [
      { from: 'start', fromOutput: 'next', to: messages[0] },
      ...messages.slice(1).map((id, i) => ({ from: messages[i], fromOutput: 'sent', to: id })),
      { from: messages[length - 1], fromOutput: 'sent', to: 'end' },
      ...extraEdges,
    ],
  };
}

describe('toDrawflowDocument', () => {
  test('the result passes the engine validator with no problem at all', () => {
    const document = toDrawflowDocument(pizzaSupportGraph());
    assert.deepEqual(validateFlowGraph(document), []);
    assert.equal(nodesOf(document).length, 8);
  });

  test('numeric ids under string keys, start first, html and class per node type', () => {
    const document = toDrawflowDocument(pizzaSupportGraph());
    for (const [key, node] of Object.entries(document.drawflow.Home.data)) {
      assert.equal(typeof node.id, 'number');
      assert.equal(key, String(node.id));
      assert.equal(node.class, node.name);
      assert.match(node.html ?? '', /^<div class="title-box">/);
    }
    assert.equal(document.drawflow.Home.data['1'].name, 'start');
  });

  test('every connection is written on both sides', () => {
    const document = toDrawflowDocument(pizzaSupportGraph());
    const data = document.drawflow.Home.data;
    let count = 0;
    for (const node of nodesOf(document)) {
      for (const [port, { connections }] of Object.entries(node.outputs)) {
        for (const connection of connections) {
          count++;
          const mirror = data[String(connection.node)].inputs[connection.output].connections;
          assert.ok(mirror.some((back) => back.node === String(node.id) && back.input === port));
        }
      }
      for (const [port, { connections }] of Object.entries(node.inputs)) {
        for (const connection of connections) {
          const mirror = data[String(connection.node)].outputs[connection.input].connections;
          assert.ok(mirror.some((forward) => forward.node === String(node.id) && forward.output === port));
        }
      }
    }
    assert.equal(count, pizzaSupportGraph().edges.length);
  });

  test('model text is HTML-escaped in the node html', () => {
    const graph = lineGraph(1);
    graph.nodes[1] = { id: 'm1', type: 'message', data: { text: '<img src=x onerror=alert(1)>' } };
    const html = toDrawflowDocument(graph).drawflow.Home.data['2'].html ?? '';
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&#60;img/);
  });

  test('inconsistent edges are reported for the model, all at once', () => {
    const graph = pizzaSupportGraph();
    graph.edges.push(
      { from: 'ghost', fromOutput: 'next', to: 'done' },
      { from: 'menu', fromOutput: 'button_9', to: 'done' },
      { from: 'welcome', fromOutput: 'sent', to: 'done' },
    );
    const error = (() => {
      try {
        toDrawflowDocument(graph);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof CompactGraphError);
    assert.equal(error.problems.length, 3);
    assert.match(
      error.problems[1],
      /no output "button_9"; its outputs are: button_1, button_2, button_3, other, timeout/,
    );
    assert.match(error.problems[2], /already has an edge/);
  });
});

describe('layoutFlow', () => {
  const cases: { name: string; graph: CompactGraph }[] = [
    { name: 'pizza support (branches, a loop back)', graph: pizzaSupportGraph() },
    { name: 'a long line', graph: lineGraph(12) },
    {
      name: 'a cycle through the whole line',
      graph: lineGraph(4, [{ from: 'm4', fromOutput: 'window_closed', to: 'm1' }]),
    },
  ];
  for (const { name, graph } of cases) {
    test(`${name}: no two nodes overlap`, () => {
      const boxes = nodesOf(toDrawflowDocument(graph)).map((node) => ({
        x: node.pos_x ?? 0,
        y: node.pos_y ?? 0,
      }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const apartX = Math.abs(boxes[i].x - boxes[j].x) >= LAYOUT.nodeWidth;
          const apartY = Math.abs(boxes[i].y - boxes[j].y) >= LAYOUT.baseHeight;
          assert.ok(
            apartX || apartY,
            `nodes ${i} and ${j} overlap at ${JSON.stringify([boxes[i], boxes[j]])}`,
          );
        }
      }
    });

    test(`${name}: every forward edge goes left to right`, () => {
      const document = toDrawflowDocument(graph);
      const data = document.drawflow.Home.data;
      assert.deepEqual(validateFlowGraph(document), []);
      const start = nodesOf(document).find((node) => node.name === 'start');
      for (const node of nodesOf(document)) {
        if (node !== start) assert.ok((node.pos_x ?? 0) > (start?.pos_x ?? 0));
      }
      // A DAG edge (not closing a cycle) always points right: in these graphs only edges to
      // earlier-numbered nodes close cycles.
      for (const node of nodesOf(document)) {
        for (const { connections } of Object.values(node.outputs)) {
          for (const connection of connections) {
            const target = data[String(connection.node)];
            if (Number(target.id) > Number(node.id)) assert.ok((target.pos_x ?? 0) > (node.pos_x ?? 0));
          }
        }
      }
    });
  }

  test('columns are longest-path layers; nodes of a column are stacked without overlap', () => {
    const boxes = layoutFlow(
      ['s', 'a', 'b', 'c'].map((id) => ({ id, outputCount: id === 'a' ? 6 : 1 })),
      [
        ['s', 'a'],
        ['s', 'b'],
        ['a', 'c'],
        ['b', 'c'],
        ['c', 'a'],
      ],
      's',
    );
    assert.deepEqual(
      ['s', 'a', 'b', 'c'].map((id) => boxes.get(id)?.layer),
      [0, 1, 1, 2],
    );
    const [a, b] = [boxes.get('a'), boxes.get('b')];
    assert.ok(a && b && a.x === b.x);
    const [upper, lower] = a.y < b.y ? [a, b] : [b, a];
    assert.ok(upper.y + upper.height + LAYOUT.rowGap <= lower.y);
  });
});

describe('the structured-output schema', () => {
  test('is derived from the catalogue: one branch per node type', () => {
    const schema = toStrictJsonSchema(compactGraphSchema) as {
      properties: { nodes: { items: { anyOf: { properties: { type: { const: string } } }[] } } };
    };
    assert.deepEqual(
      schema.properties.nodes.items.anyOf.map((branch) => branch.properties.type.const),
      nodeTypes,
    );
  });

  test('is strict: every object closed and fully required, optional fields nullable, no oneOf', () => {
    const schema = toStrictJsonSchema(compactGraphSchema);
    const text = JSON.stringify(schema);
    assert.doesNotMatch(text, /"oneOf"|"minLength"|"maxLength"|"exclusiveMinimum"|"\$schema"/);
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const object = node as Record<string, unknown>;
      if (object.type === 'object') {
        assert.equal(object.additionalProperties, false);
        assert.deepEqual(object.required, Object.keys(object.properties as object));
      }
      Object.values(object).forEach(visit);
    };
    visit(schema);
    assert.match(text, /"maxLength"|at most 20 characters/);
  });

  test('a strict answer (optional fields as null) parses with the engine schemas after dropNullFields', () => {
    const parsed = compactGraphSchema.parse(dropNullFields(asStrictAnswer(pizzaSupportGraph())));
    assert.deepEqual(validateFlowGraph(toDrawflowDocument(parsed)), []);
  });
});
