import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  BLOCKING_PROBLEMS,
  getNodeDefinition,
  getNodeRuntime,
  isNodeType,
  nodeCatalogue,
  nodeRuntimes,
  nodeTypes,
} from '../../workflows/engine';

describe('node catalogue', () => {
  it('lists the node types of the product', () => {
    assert.deepEqual(nodeTypes, [
      'start',
      'message',
      'media',
      'buttons',
      'list',
      'template',
      'question',
      'condition',
      'business_hours',
      'set_variable',
      'http_request',
      'ai_reply',
      'ai_router',
      'delay',
      'handoff',
      'end',
    ]);
    assert.equal(isNodeType('message'), true);
    assert.equal(isNodeType('toString'), false);
  });

  for (const type of nodeTypes) {
    it(`${type}: its data schema converts to JSON Schema (for LLM structured output)`, () => {
      const definition = getNodeDefinition(type);
      const schema = z.toJSONSchema(definition.dataSchema) as { type?: string };
      assert.equal(schema.type, 'object');
      assert.ok(definition.summary.length > 10);
    });
  }

  const samples: { [T in keyof typeof nodeCatalogue]: unknown } = {
    start: {},
    message: { text: 'x' },
    media: { mediaType: 'image', link: 'https://x.test/a.png' },
    buttons: { text: 'x', buttons: [{ title: 'a' }, { title: 'b' }] },
    list: {
      text: 'x',
      buttonLabel: 'go',
      sections: [{ rows: [{ title: 'a' }, { title: 'b' }, { title: 'c' }] }],
    },
    template: { name: 't', language: 'en' },
    question: { variable: 'v', validation: 'text' },
    condition: { rules: [{ variable: 'v', operator: 'is_set' }] },
    business_hours: { timeZone: 'UTC', hours: {} },
    set_variable: { assignments: [{ variable: 'v', value: '1' }] },
    http_request: { method: 'GET', url: 'https://x.test' },
    ai_reply: { systemPrompt: 'x' },
    ai_router: {
      intents: [
        { name: 'a', description: 'A' },
        { name: 'b', description: 'B' },
      ],
    },
    delay: { amount: 1, unit: 'hours' },
    handoff: {},
    end: {},
  };
  const expectedOutputs: Record<keyof typeof nodeCatalogue, string[]> = {
    start: ['next'],
    message: ['sent', 'window_closed'],
    media: ['sent', 'window_closed'],
    buttons: ['button_1', 'button_2', 'other', 'timeout'],
    list: ['row_1', 'row_2', 'row_3', 'other', 'timeout'],
    template: ['sent'],
    question: ['answered', 'invalid', 'timeout'],
    condition: ['rule_1', 'else'],
    business_hours: ['open', 'closed'],
    set_variable: ['next'],
    http_request: ['success', 'failure'],
    ai_reply: ['success', 'failure'],
    ai_router: ['a', 'b', 'fallback'],
    delay: ['next'],
    handoff: ['released', 'timeout'],
    end: [],
  };
  for (const type of nodeTypes) {
    it(`${type}: outputs are ${expectedOutputs[type].join(', ') || 'none'}`, () => {
      const data = getNodeDefinition(type).dataSchema.parse(samples[type]);
      assert.deepEqual(getNodeRuntime(type).ports(data), expectedOutputs[type]);
    });
  }

  it('has one runtime per node type, and each definition describes exactly its runtime ports, in order', () => {
    assert.deepEqual(Object.keys(nodeRuntimes), nodeTypes);
    for (const type of nodeTypes) {
      const definition = getNodeDefinition(type);
      const described = Object.keys(definition.ports);
      // A family of ports (button_1, button_2…; one per intent) is described once, by its pattern.
      const family = (port: string) =>
        described.includes(port)
          ? port
          : type === 'ai_router'
            ? '<intent name>'
            : port.replace(/^(.*)_\d+$/, '$1_1 … $1_n');
      const ports = getNodeRuntime(type).ports(definition.dataSchema.parse(samples[type]));
      const families = ports.map(family).filter((name, i, all) => all.indexOf(name) === i);
      assert.deepEqual(families, described, type);
    }
  });

  it('docs/flow-nodes.md documents every node type, output and validator problem', () => {
    const docs = readFileSync(join(__dirname, '../../docs/flow-nodes.md'), 'utf8');
    for (const type of nodeTypes) {
      assert.match(docs, new RegExp(`^## ${type}$`, 'm'), `no section for ${type}`);
      const data = getNodeDefinition(type).dataSchema.parse(samples[type]);
      for (const name of getNodeRuntime(type).ports(data)) {
        if (/_\d+$/.test(name) || type === 'ai_router') continue;
        assert.ok(docs.includes(`\`${name}\``), `output ${name} of ${type} is not documented`);
      }
    }
    for (const code of [
      ...BLOCKING_PROBLEMS,
      'unreachable_node',
      'opening_template_required',
      'loop_without_wait',
    ]) {
      assert.ok(docs.includes(`\`${code}\``), `problem ${code} is not documented`);
    }
  });
});
