import type { RunState } from './run-state';

/** A compiled visibility query: true when a run matches. */
export type RunPredicate = (run: RunState) => boolean;

type Token = { kind: 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma'; text: string };

const STATUS_NAMES: Record<string, string> = {
  running: 'WORKFLOW_EXECUTION_STATUS_RUNNING',
  completed: 'WORKFLOW_EXECUTION_STATUS_COMPLETED',
  failed: 'WORKFLOW_EXECUTION_STATUS_FAILED',
  canceled: 'WORKFLOW_EXECUTION_STATUS_CANCELED',
  terminated: 'WORKFLOW_EXECUTION_STATUS_TERMINATED',
  continuedasnew: 'WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW',
  timedout: 'WORKFLOW_EXECUTION_STATUS_TIMED_OUT',
};

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:(\()|(\))|(,)|(!=|<=|>=|=|<|>)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`]*)`|([^\s()=!<>,'"]+))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < query.length && (m = re.exec(query))) {
    if (m[1]) tokens.push({ kind: 'lparen', text: '(' });
    else if (m[2]) tokens.push({ kind: 'rparen', text: ')' });
    else if (m[3]) tokens.push({ kind: 'comma', text: ',' });
    else if (m[4]) tokens.push({ kind: 'op', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'string', text: m[5].replace(/\\(.)/g, '$1') });
    else if (m[6] !== undefined) tokens.push({ kind: 'string', text: m[6].replace(/\\(.)/g, '$1') });
    else if (m[7] !== undefined) tokens.push({ kind: 'word', text: m[7] });
    else if (m[8]) tokens.push({ kind: 'word', text: m[8] });
    if (query.slice(re.lastIndex).trim() === '') break;
  }
  return tokens;
}

/** Values of a field on a run, as strings (search attributes may be keyword lists). */
function fieldValues(run: RunState, field: string): string[] {
  switch (field) {
    case 'WorkflowType':
      return [run.workflowType];
    case 'WorkflowId':
      return [run.workflowId];
    case 'RunId':
      return [run.runId];
    case 'TaskQueue':
      return [run.taskQueue];
    case 'ExecutionStatus':
      return [run.status];
    default: {
      const payload = run.searchAttributes[field];
      if (!payload?.data) return [];
      try {
        const value: unknown = JSON.parse(Buffer.from(payload.data).toString('utf8'));
        return Array.isArray(value) ? value.map(String) : [String(value)];
      } catch {
        return [];
      }
    }
  }
}

function normaliseValue(field: string, value: string): string {
  if (field !== 'ExecutionStatus') return value;
  return STATUS_NAMES[value.toLowerCase().replace(/[_\s]/g, '')] ?? value;
}

/**
 * Parses the subset of Temporal's visibility SQL the product uses: comparisons `Field = 'v'`,
 * `!=`, `IN ('a','b')`, combined with AND / OR and parentheses; `ORDER BY` is ignored.
 * Throws on anything else so a typo does not silently list everything.
 */
export function parseListQuery(query: string | undefined): RunPredicate {
  const text = (query ?? '').replace(/\border\s+by\b[\s\S]*$/i, '').trim();
  if (text === '') return () => true;
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (kind: Token['kind']): Token => {
    const t = tokens[pos++];
    if (!t || t.kind !== kind) throw new Error(`invalid list query near token ${pos}: ${query}`);
    return t;
  };
  const isWord = (w: string) => peek()?.kind === 'word' && peek().text.toUpperCase() === w;

  const parseOr = (): RunPredicate => {
    let left = parseAnd();
    while (isWord('OR')) {
      pos++;
      const right = parseAnd();
      const l = left;
      left = (r) => l(r) || right(r);
    }
    return left;
  };
  const parseAnd = (): RunPredicate => {
    let left = parseTerm();
    while (isWord('AND')) {
      pos++;
      const right = parseTerm();
      const l = left;
      left = (r) => l(r) && right(r);
    }
    return left;
  };
  const parseTerm = (): RunPredicate => {
    if (peek()?.kind === 'lparen') {
      pos++;
      const inner = parseOr();
      expect('rparen');
      return inner;
    }
    const field = expect('word').text;
    if (isWord('IN') || isWord('NOT')) {
      const negate = isWord('NOT');
      if (negate) pos++;
      if (!isWord('IN')) throw new Error(`invalid list query: ${query}`);
      pos++;
      expect('lparen');
      const values: string[] = [];
      for (;;) {
        const t = tokens[pos++];
        if (!t || (t.kind !== 'string' && t.kind !== 'word')) throw new Error(`invalid list query: ${query}`);
        values.push(normaliseValue(field, t.text));
        if (peek()?.kind === 'comma') pos++;
        else break;
      }
      expect('rparen');
      return (r) => fieldValues(r, field).some((v) => values.includes(v)) !== negate;
    }
    const op = expect('op').text;
    const valueToken = tokens[pos++];
    if (!valueToken || (valueToken.kind !== 'string' && valueToken.kind !== 'word'))
      throw new Error(`invalid list query: ${query}`);
    const value = normaliseValue(field, valueToken.text);
    switch (op) {
      case '=':
        return (r) => fieldValues(r, field).includes(value);
      case '!=':
        return (r) => !fieldValues(r, field).includes(value);
      default:
        return (r) => fieldValues(r, field).some((v) => compare(v, value, op));
    }
  };
  const predicate = parseOr();
  if (pos !== tokens.length) throw new Error(`invalid list query (trailing input): ${query}`);
  return predicate;
}

function compare(a: string, b: string, op: string): boolean {
  const na = Number(a);
  const nb = Number(b);
  const [x, y] = Number.isFinite(na) && Number.isFinite(nb) ? [na, nb] : [a, b];
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}
