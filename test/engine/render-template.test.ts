import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readVariablePath, renderTemplate, renderTemplateValue } from '../../workflows/engine';

describe('renderTemplate', () => {
  const variables = {
    name: 'Ann',
    age: 42,
    vip: true,
    nothing: null,
    order: { id: 'A-1', items: [{ title: 'Shoes' }, { title: 'Hat' }], total: 99.5 },
    tags: ['a', 'b'],
  };
  const cases: [string, string, string][] = [
    ['plain text', 'Hello', 'Hello'],
    ['a variable', 'Hi {{name}}!', 'Hi Ann!'],
    ['spaces inside braces', 'Hi {{ name }}', 'Hi Ann'],
    ['a number', 'Age {{age}}', 'Age 42'],
    ['a boolean', 'VIP {{vip}}', 'VIP true'],
    ['null renders empty', '[{{nothing}}]', '[]'],
    ['missing renders empty', 'Hi {{unknown}}.', 'Hi .'],
    ['a dot path', 'Order {{order.id}}', 'Order A-1'],
    ['an index path', 'First {{order.items[0].title}}', 'First Shoes'],
    ['a dotted index', 'Second {{order.items.1.title}}', 'Second Hat'],
    ['missing deep path', '{{order.customer.name}}', ''],
    ['an object renders as JSON', '{{order.items[1]}}', '{"title":"Hat"}'],
    ['an array renders as JSON', '{{tags}}', '["a","b"]'],
    ['several placeholders', '{{name}} is {{age}}', 'Ann is 42'],
    ['not a placeholder stays', '{{ not valid }} {single}', '{{ not valid }} {single}'],
    ['prototype is not readable', '{{order.constructor}}{{__proto__}}', ''],
  ];
  for (const [label, template, expected] of cases) {
    it(label, () => assert.equal(renderTemplate(template, variables), expected));
  }

  it('renderTemplateValue keeps the type of a single placeholder', () => {
    assert.equal(renderTemplateValue('{{age}}', variables), 42);
    assert.deepEqual(renderTemplateValue('{{order.items[0]}}', variables), { title: 'Shoes' });
    assert.equal(renderTemplateValue('{{age}} years', variables), '42 years');
  });

  it('readVariablePath follows own properties only', () => {
    assert.equal(readVariablePath({ a: { b: [1, 2] } }, 'a.b[1]'), 2);
    assert.equal(readVariablePath({ a: 1 }, 'a.toString'), undefined);
    assert.equal(readVariablePath('text', 'length'), undefined);
  });
});
