import { renderTemplate } from '../../render-template';
import { formatVariableValue, readVariablePath, type Variables } from '../../variables';
import type { ConditionRule } from './condition-node-data';

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
