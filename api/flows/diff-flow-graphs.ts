/**
 * What changed between two Drawflow graphs, for `GET /api/flows/{id}/revisions/{number}/diff`:
 * nodes by id (added, removed, changed with each data field's old and new value) and connections
 * (added, removed). Where a node sits on the canvas is layout, not a change.
 */
import { isDeepStrictEqual } from 'node:util';
import { getNodeRuntime, isNodeType, portIndexOfKey } from '../../workflows/engine';
import { isRecord, readDrawflowNodes } from '../../workflows/engine/model/drawflow-document';

/** A node as the diff names it: its id and type (Drawflow's `name`). */
export interface DiffNode {
  nodeId: string;
  type: string;
}

/** One data field that differs; `old` or `new` is left out when the field is absent on that side. */
export interface FieldChange {
  field: string;
  old?: unknown;
  new?: unknown;
}

/** A node present in both graphs whose type or data differ. */
export interface ChangedNode extends DiffNode {
  /** The type in the older graph, when the node changed type. */
  oldType?: string;
  fields: FieldChange[];
}

/** One connection: an output of `from` (Drawflow key, and the port's name when known) to `to`. */
export interface DiffConnection {
  from: string;
  output: string;
  port?: string;
  to: string;
}

/** Everything that differs from `old` to `new`, each list ordered by node id. */
export interface FlowGraphDiff {
  nodes: { added: DiffNode[]; removed: DiffNode[]; changed: ChangedNode[] };
  connections: { added: DiffConnection[]; removed: DiffConnection[] };
}

interface NodeView {
  type: string;
  data: Record<string, unknown>;
  connections: DiffConnection[];
}

/** The difference between two graphs (either may be malformed: what cannot be read counts as absent). */
export function diffFlowGraphs(oldGraph: unknown, newGraph: unknown): FlowGraphDiff {
  const before = readNodes(oldGraph);
  const after = readNodes(newGraph);
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(compareIds);
  const diff: FlowGraphDiff = {
    nodes: { added: [], removed: [], changed: [] },
    connections: { added: [], removed: [] },
  };
  for (const nodeId of ids) {
    const was = before.get(nodeId);
    const is = after.get(nodeId);
    if (!was && is) diff.nodes.added.push({ nodeId, type: is.type });
    if (was && !is) diff.nodes.removed.push({ nodeId, type: was.type });
    if (was && is) {
      const fields = diffFields(was.data, is.data);
      if (fields.length > 0 || was.type !== is.type) {
        diff.nodes.changed.push({
          nodeId,
          type: is.type,
          ...(was.type === is.type ? {} : { oldType: was.type }),
          fields,
        });
      }
    }
    const oldConnections = was?.connections ?? [];
    const newConnections = is?.connections ?? [];
    diff.connections.added.push(...without(newConnections, oldConnections));
    diff.connections.removed.push(...without(oldConnections, newConnections));
  }
  return diff;
}

function diffFields(old: Record<string, unknown>, next: Record<string, unknown>): FieldChange[] {
  const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  return fields
    .filter((field) => !isDeepStrictEqual(old[field], next[field]))
    .map((field) => ({
      field,
      ...(field in old ? { old: old[field] } : {}),
      ...(field in next ? { new: next[field] } : {}),
    }));
}

/** Connections of `list` that `other` does not have (same source, output and target). */
function without(list: DiffConnection[], other: DiffConnection[]): DiffConnection[] {
  return list.filter(
    (connection) =>
      !other.some(
        (candidate) =>
          candidate.from === connection.from &&
          candidate.output === connection.output &&
          candidate.to === connection.to,
      ),
  );
}

function readNodes(graph: unknown): Map<string, NodeView> {
  const read = readDrawflowNodes(graph);
  const nodes = new Map<string, NodeView>();
  if (!('nodes' in read)) return nodes;
  for (const [nodeId, node] of Object.entries(read.nodes)) {
    if (!isRecord(node)) continue;
    const type = typeof node.name === 'string' ? node.name : '';
    const data = isRecord(node.data) ? node.data : {};
    const outputs = isRecord(node.outputs) ? node.outputs : {};
    const ports = portNames(type, data);
    const connections: DiffConnection[] = [];
    for (const [output, entry] of Object.entries(outputs).sort(([a], [b]) => compareIds(a, b))) {
      const targets = isRecord(entry) && Array.isArray(entry.connections) ? entry.connections : [];
      const index = portIndexOfKey(output);
      const port = index === null ? undefined : ports[index];
      for (const target of targets) {
        if (!isRecord(target) || (typeof target.node !== 'string' && typeof target.node !== 'number'))
          continue;
        connections.push({ from: nodeId, output, ...(port ? { port } : {}), to: String(target.node) });
      }
    }
    nodes.set(nodeId, { type, data, connections });
  }
  return nodes;
}

/** The node's port names in Drawflow order; none when its type or data cannot say. */
function portNames(type: string, data: Record<string, unknown>): readonly string[] {
  if (!isNodeType(type)) return [];
  try {
    return getNodeRuntime(type).ports(data as never);
  } catch {
    // Data the node type cannot read (a graph published before a rule): outputs keep their keys.
    return [];
  }
}

/** Numeric ids (Drawflow's) in numeric order, anything else after them by text. */
function compareIds(a: string, b: string): number {
  const byNumber = Number(a.replace(/^output_/, '')) - Number(b.replace(/^output_/, ''));
  return Number.isNaN(byNumber) ? a.localeCompare(b) : byNumber;
}
