import type { NodeRuntime } from '../../node-runtime';
import { formatVariableValue, readVariablePath, renderTemplate, type Variables } from '../../variables';
import type { ConditionNodeData, ConditionRule } from './condition-node';

export type ConditionPort = `rule_${number}` | 'else';

/** `condition` at run time: takes the port of the first rule that holds, or `else`. */
export const conditionNodeRuntime: NodeRuntime<ConditionNodeData, ConditionPort> = {
  ports: (data) => [...data.rules.map((_, i) => rulePort(i)), 'else'],
  execute: (ctx) => {
    const index = ctx.data.rules.findIndex((rule) => evaluateRule(rule, ctx.state.variables));
    return { then: { next: index >= 0 ? rulePort(index) : 'else' } };
  },
};

function rulePort(index: number): ConditionPort {
  return `rule_${index + 1}`;
}

/** Whether one condition rule holds for the run's variables. */
export function evaluateRule(rule: ConditionRule, variables: Variables): boolean {
  const actual = readVariablePath(variables, rule.variable);
  const text = formatVariableValue(actual).trim();
  const expected = renderTemplate(rule.value ?? '', variables).trim();
  const a = text.toLowerCase();
  const b = expected.toLowerCase();
  switch (rule.operator) {
    case 'is_set':
      return text !== '';
    case 'is_empty':
      return text === '' || (Array.isArray(actual) && actual.length === 0);
    case 'equals':
      return a === b;
    case 'not_equals':
      return a !== b;
    case 'contains':
      return a.includes(b);
    case 'not_contains':
      return !a.includes(b);
    case 'starts_with':
      return a.startsWith(b);
    case 'ends_with':
      return a.endsWith(b);
    case 'gt':
      return compareNumbers(text, expected, (x, y) => x > y);
    case 'gte':
      return compareNumbers(text, expected, (x, y) => x >= y);
    case 'lt':
      return compareNumbers(text, expected, (x, y) => x < y);
    case 'lte':
      return compareNumbers(text, expected, (x, y) => x <= y);
    case 'matches':
      return matchesPattern(text, expected);
  }
}

/** Numeric comparisons are false when either side is not a number, never a string comparison. */
function compareNumbers(left: string, right: string, holds: (x: number, y: number) => boolean): boolean {
  if (left === '' || right === '') return false;
  const x = Number(left);
  const y = Number(right);
  return Number.isFinite(x) && Number.isFinite(y) && holds(x, y);
}

function matchesPattern(text: string, pattern: string): boolean {
  try {
    return new RegExp(pattern, 'i').test(text);
  } catch {
    // A pattern built from a {{variable}} can be invalid at run time; it simply does not match.
    return false;
  }
}
