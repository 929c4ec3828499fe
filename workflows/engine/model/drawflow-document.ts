/**
 * Drawflow's document as the editor stores it in `flows.drawflowData`, and the one check of its
 * shape. Plain TypeScript on purpose: the validator reports each broken field with it, and the run of
 * an old workflow input (parseFlowGraph) checks the same shape without loading zod.
 */

/** A node id as Drawflow writes it in connections: a string, sometimes a number after an import. */
type ConnectionNodeId = string | number;

/** One node exactly as Drawflow stores it. Only the fields the engine needs are required. */
export interface DrawflowNode {
  id: number | string;
  name: string;
  data?: unknown;
  class?: string;
  html?: string;
  typenode?: boolean | string;
  /** `{ input_1: { connections: [{ node: "1", input: "output_1" }] } }`: the source output is called `input`. */
  inputs: Record<string, { connections: { node: ConnectionNodeId; input: string }[] }>;
  /** `{ output_1: { connections: [{ node: "2", output: "input_1" }] } }`: the target input is called `output`. */
  outputs: Record<string, { connections: { node: ConnectionNodeId; output: string }[] }>;
  pos_x?: number;
  pos_y?: number;
}

/** The whole document with typed nodes: what the flow builder produces. */
export interface DrawflowDocument {
  drawflow: { Home: { data: Record<string, DrawflowNode> } };
}

/** One field that breaks the shape: where (inside the checked value) and what is wrong. */
export interface ShapeIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The node records of `drawflowData` (`drawflow.Home.data`), or the first level that is missing or
 * not an object. Nodes are checked one by one afterwards, so one broken node does not hide the
 * problems of the others.
 */
export function readDrawflowNodes(
  document: unknown,
): { nodes: Record<string, unknown> } | { issue: ShapeIssue } {
  let value = document;
  const path: string[] = [];
  for (const key of ['drawflow', 'Home', 'data']) {
    const level = isRecord(value) ? value[key] : undefined;
    if (!isRecord(level)) {
      const at = isRecord(value) ? [...path, key] : path;
      return { issue: { path: at, message: describeWrongValue(level, 'an object') } };
    }
    path.push(key);
    value = level;
  }
  return { nodes: value as Record<string, unknown> };
}

/** Every field of `value` that breaks the Drawflow node shape; none when it is a {@link DrawflowNode}. */
export function checkDrawflowNode(value: unknown): ShapeIssue[] {
  if (!isRecord(value)) return [{ path: [], message: describeWrongValue(value, 'an object') }];
  const issues: ShapeIssue[] = [];
  const expect = (key: string, ok: (field: unknown) => boolean, expected: string, optional = false) => {
    const field = value[key];
    if ((optional && field === undefined) || ok(field)) return;
    issues.push({ path: [key], message: describeWrongValue(field, expected) });
  };
  expect('id', (id) => typeof id === 'number' || typeof id === 'string', 'a number or a string');
  expect('name', (name) => typeof name === 'string', 'a string');
  expect('class', (text) => typeof text === 'string', 'a string', true);
  expect('html', (text) => typeof text === 'string', 'a string', true);
  expect(
    'typenode',
    (kind) => typeof kind === 'boolean' || typeof kind === 'string',
    'a boolean or a string',
    true,
  );
  expect('pos_x', (x) => typeof x === 'number', 'a number', true);
  expect('pos_y', (y) => typeof y === 'number', 'a number', true);
  issues.push(
    ...checkPortMap(value.inputs, 'inputs', 'input'),
    ...checkPortMap(value.outputs, 'outputs', 'output'),
  );
  return issues;
}

/** Whether `value` has the shape of a Drawflow node. */
export function isDrawflowNode(value: unknown): value is DrawflowNode {
  return checkDrawflowNode(value).length === 0;
}

/** `{ input_1: { connections: [{ node, input|output }] } }`: the far end of each connection names its port in `end`. */
function checkPortMap(value: unknown, key: 'inputs' | 'outputs', end: 'input' | 'output'): ShapeIssue[] {
  if (!isRecord(value)) return [{ path: [key], message: describeWrongValue(value, 'an object') }];
  const issues: ShapeIssue[] = [];
  for (const [port, entry] of Object.entries(value)) {
    const connections = isRecord(entry) ? entry.connections : undefined;
    if (!Array.isArray(connections)) {
      issues.push({ path: [key, port, 'connections'], message: describeWrongValue(connections, 'a list') });
      continue;
    }
    connections.forEach((connection: unknown, index) => {
      const path = [key, port, 'connections', index];
      if (!isRecord(connection)) {
        issues.push({ path, message: describeWrongValue(connection, 'an object') });
        return;
      }
      if (typeof connection.node !== 'string' && typeof connection.node !== 'number') {
        issues.push({
          path: [...path, 'node'],
          message: describeWrongValue(connection.node, 'a string or a number'),
        });
      }
      if (typeof connection[end] !== 'string') {
        issues.push({ path: [...path, end], message: describeWrongValue(connection[end], 'a string') });
      }
    });
  }
  return issues;
}

/** The validator's wording: a missing field is required, a present one has the wrong type. */
function describeWrongValue(value: unknown, expected: string): string {
  return value === undefined ? 'This field is required.' : `Expected ${expected}.`;
}

/** A plain object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const OUTPUT_KEY = /^output_([1-9]\d*)$/;

// The one place that maps a node's named output ports to Drawflow's `output_n` keys: port `i`
// (0-based, in the order the node's runtime lists them) is stored as `output_${i + 1}`.

/** Drawflow's key for the port at `index` (0-based). */
export function outputKeyOf(index: number): string {
  return `output_${index + 1}`;
}

/** The 0-based port index of a Drawflow output key (`output_3` → 2), or null when it is not one. */
export function portIndexOfKey(key: string): number | null {
  const match = OUTPUT_KEY.exec(key);
  return match ? Number(match[1]) - 1 : null;
}

/** The 0-based index of the port named `port` among `ports`, or -1 when the node has no such port. */
export function portIndexOf(ports: readonly string[], port: string): number {
  return ports.indexOf(port);
}
