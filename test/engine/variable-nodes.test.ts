import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConditionOperator } from '../../workflows/engine/nodes/condition/condition-node';
import { evaluateRule } from '../../workflows/engine/nodes/condition/condition-node-runtime';
import { flow } from '../support/flow-builder';
import { sentTexts, startInbound } from './engine-test-kit';

describe('condition rules', () => {
  const variables = {
    name: 'Ann Smith',
    age: 42,
    empty: '',
    none: null,
    list: [],
    tags: ['vip'],
    order: { total: 99.5 },
    limit: 50,
  };
  const cases: [string, ConditionOperator, string | undefined, boolean][] = [
    ['name', 'equals', 'ann smith', true],
    ['name', 'equals', 'Ann', false],
    ['name', 'not_equals', 'Bob', true],
    ['name', 'contains', 'SMITH', true],
    ['name', 'not_contains', 'Jones', true],
    ['name', 'starts_with', 'ann', true],
    ['name', 'ends_with', 'smith', true],
    ['age', 'gt', '41', true],
    ['age', 'gt', '42', false],
    ['age', 'gte', '42', true],
    ['age', 'lt', '43', true],
    ['age', 'lte', '41', false],
    ['order.total', 'gt', '{{limit}}', true],
    ['name', 'gt', '1', false],
    ['missing', 'lt', '1', false],
    ['name', 'is_set', undefined, true],
    ['empty', 'is_set', undefined, false],
    ['none', 'is_empty', undefined, true],
    ['missing', 'is_empty', undefined, true],
    ['list', 'is_empty', undefined, true],
    ['tags', 'is_empty', undefined, false],
    ['name', 'matches', '^ann\\s', true],
    ['name', 'matches', '^smith', false],
    ['name', 'matches', '([', false],
    ['age', 'equals', '42', true],
  ];
  for (const [variable, operator, value, expected] of cases) {
    it(`${variable} ${operator} ${value ?? ''} → ${expected}`, () => {
      assert.equal(evaluateRule({ variable, operator, value }, variables), expected);
    });
  }
});

describe('condition node', () => {
  const graph = flow()
    .start()
    .then(
      'condition',
      {
        rules: [
          { variable: 'age', operator: 'lt', value: '18', label: 'minor' },
          { variable: 'age', operator: 'gte', value: '65' },
        ],
      },
      { as: 'c' },
    )
    .then('message', { text: 'minor' })
    .at('c', 'rule_2')
    .then('message', { text: 'senior' })
    .at('c', 'else')
    .then('message', { text: 'adult' })
    .graph();

  const cases: [number | undefined, string][] = [
    [10, 'minor'],
    [70, 'senior'],
    [30, 'adult'],
    [undefined, 'adult'],
  ];
  for (const [age, expected] of cases) {
    it(`age ${age} takes ${expected}`, () => {
      assert.deepEqual(sentTexts(startInbound(graph, { variables: age === undefined ? {} : { age } })), [
        expected,
      ]);
    });
  }

  it('the first rule that holds wins', () => {
    const overlapping = flow()
      .start()
      .then(
        'condition',
        {
          rules: [
            { variable: 'x', operator: 'is_set' },
            { variable: 'x', operator: 'equals', value: '1' },
          ],
        },
        { as: 'c' },
      )
      .then('message', { text: 'first' })
      .at('c', 2)
      .then('message', { text: 'second' })
      .graph();
    assert.deepEqual(sentTexts(startInbound(overlapping, { variables: { x: 1 } })), ['first']);
  });
});

describe('set_variable node', () => {
  it('sets variables in order, keeping the type of a single placeholder', () => {
    const graph = flow()
      .start()
      .then('set_variable', {
        assignments: [
          { variable: 'greeting', value: 'Hello {{name}}' },
          { variable: 'copy', value: '{{order}}' },
          { variable: 'shout', value: '{{greeting}}!' },
          { variable: 'total', value: '{{order.total}}' },
        ],
      })
      .then('message', { text: '{{shout}} {{copy.id}} {{total}}' })
      .graph();
    const step = startInbound(graph, { variables: { name: 'Ann', order: { id: 'A1', total: 10 } } });
    assert.deepEqual(step.state.variables, {
      name: 'Ann',
      order: { id: 'A1', total: 10 },
      greeting: 'Hello Ann',
      copy: { id: 'A1', total: 10 },
      shout: 'Hello Ann!',
      total: 10,
    });
    assert.deepEqual(sentTexts(step), ['Hello Ann! A1 10']);
  });

  it('a missing variable copied alone becomes null', () => {
    const graph = flow()
      .start()
      .then('set_variable', { assignments: [{ variable: 'x', value: '{{nothing}}' }] })
      .graph();
    assert.equal(startInbound(graph).state.variables.x, null);
  });
});
