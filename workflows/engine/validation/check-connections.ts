/**
 * The structural checks the validator and the parser of old workflow inputs share: the Drawflow
 * document, each node's shape, id and type, the connections, one start. Free of zod: the parser runs
 * inside workflow runs.
 */
import {
  checkDrawflowNode,
  portIndexOfKey,
  readDrawflowNodes,
  type DrawflowNode,
} from '../model/drawflow-document';
import type { FlowNode } from '../model/flow-graph';
import { isNodeType, type NodeType } from '../node-runtimes';
import { formatPath, type FlowProblem } from './flow-problem';

/** A node after its own checks. `node` and `outputCount` are set only when type and data hold. */
export interface CheckedNode {
  key: string;
  raw: DrawflowNode;
  /** The runnable node (its `next` is filled by the connection checks). */
  node?: FlowNode;
  /** How many outputs the node's data gives it. */
  outputCount?: number;
}

/** A flow's nodes and connections as far as they hold. */
export interface FlowStructure {
  nodes: Map<string, CheckedNode>;
  /** `next.get(key)[n-1]`: the node output_n of node `key` leads to. */
  next: Map<string, (string | null)[]>;
  /** The start node, null when there is none. */
  startKey: string | null;
}

/**
 * Checks a stored `drawflowData` up to its connections and start node, pushing each problem.
 * `attach` gives a well-formed node of a known type its runnable form (`node`, `outputCount`): the
 * validator after checking its data, the parser trusting it. Null when it is not Drawflow at all.
 */
export function checkFlowStructure(
  drawflowData: unknown,
  problems: FlowProblem[],
  attach: (checked: CheckedNode, type: NodeType) => void,
): FlowStructure | null {
  const document = readDrawflowNodes(drawflowData);
  if ('issue' in document) {
    const path = formatPath(document.issue.path);
    problems.push({
      code: 'invalid_document',
      path: path || 'drawflow',
      message: `The flow is not Drawflow JSON ({"drawflow":{"Home":{"data":{…}}}}): ${path || 'document'}: ${document.issue.message}`,
    });
    return null;
  }
  const nodes = new Map<string, CheckedNode>();
  for (const [key, value] of Object.entries(document.nodes)) {
    const checked = checkNodeShape(key, value, problems);
    if (!checked) continue;
    nodes.set(key, checked);
    if (isNodeType(checked.raw.name)) attach(checked, checked.raw.name);
  }
  const next = checkConnections(nodes, problems);
  return { nodes, next, startKey: checkStartAndReachability(nodes, problems) };
}

/** Checks one node's shape, id and type; pushes problems and returns the node when its shape holds. */
function checkNodeShape(key: string, value: unknown, problems: FlowProblem[]): CheckedNode | null {
  const base = `nodes.${key}`;
  const issues = checkDrawflowNode(value);
  for (const issue of issues) {
    problems.push({
      code: 'invalid_node',
      path: issue.path.length ? `${base}.${formatPath(issue.path)}` : base,
      nodeId: key,
      message: `Node ${key} is not a valid Drawflow node: ${formatPath(issue.path) || 'node'}: ${issue.message}`,
    });
  }
  if (issues.length > 0) return null;
  const raw = value as DrawflowNode;
  if (String(raw.id) !== key) {
    problems.push({
      code: 'node_id_mismatch',
      path: `${base}.id`,
      nodeId: key,
      message: `Node ${key} says its id is ${JSON.stringify(raw.id)}; the id must equal the key it is stored under.`,
    });
  }
  if (!isNodeType(raw.name)) {
    problems.push({
      code: 'unknown_type',
      path: `${base}.name`,
      nodeId: key,
      message: `Node ${key} has the unknown type "${raw.name}".`,
    });
  }
  return { key, raw };
}

/**
 * Checks every connection from both sides (Drawflow writes each one twice) and returns the
 * outputs that hold: `next[key][n-1]` is the node output_n leads to.
 */
function checkConnections(
  nodes: ReadonlyMap<string, CheckedNode>,
  problems: FlowProblem[],
): Map<string, (string | null)[]> {
  const next = new Map<string, (string | null)[]>();
  for (const node of nodes.values()) {
    next.set(
      node.key,
      Array.from({ length: node.outputCount ?? 0 }, () => null),
    );
    checkOutputs(node, nodes, problems, next);
    checkInputs(node, nodes, problems);
  }
  return next;
}

function checkOutputs(
  node: CheckedNode,
  nodes: ReadonlyMap<string, CheckedNode>,
  problems: FlowProblem[],
  next: Map<string, (string | null)[]>,
): void {
  const label = describe(node);
  for (const [port, { connections }] of Object.entries(node.raw.outputs)) {
    const path = `nodes.${node.key}.outputs.${port}`;
    const index = portIndexOfKey(port);
    if (index === null) {
      problems.push({
        code: 'unknown_port',
        path,
        nodeId: node.key,
        message: `${label} has an output named "${port}"; outputs are named output_1, output_2, ….`,
      });
      continue;
    }
    if (node.outputCount !== undefined && index >= node.outputCount && connections.length > 0) {
      problems.push({
        code: 'output_out_of_range',
        path,
        nodeId: node.key,
        message: `${label} has only ${node.outputCount} output(s), but ${port} is connected.`,
      });
    }
    if (connections.length > 1) {
      problems.push({
        code: 'output_has_several_connections',
        path,
        nodeId: node.key,
        message: `${label}: ${port} is connected to ${connections.length} nodes; an output can lead to only one node.`,
      });
    }
    connections.forEach((connection, i) => {
      const target = nodes.get(String(connection.node));
      const connectionPath = `${path}.connections[${i}]`;
      if (!target) {
        problems.push({
          code: 'dangling_connection',
          path: connectionPath,
          nodeId: node.key,
          message: `${label}: ${port} leads to node ${connection.node}, which does not exist.`,
        });
        return;
      }
      const mirrored = target.raw.inputs[connection.output]?.connections.some(
        (back) => String(back.node) === node.key && back.input === port,
      );
      if (!mirrored) {
        problems.push({
          code: 'asymmetric_connection',
          path: connectionPath,
          nodeId: node.key,
          message: `${label}: ${port} leads to node ${target.key} (${connection.output}), but node ${target.key} does not list that connection on its ${connection.output}.`,
        });
        return;
      }
      if (target.raw.name === 'start') {
        problems.push({
          code: 'start_has_incoming',
          path: connectionPath,
          nodeId: target.key,
          message: `${label}: ${port} leads back to the start node; connect it to the node after start instead.`,
        });
      }
      const ports = next.get(node.key);
      if (ports && index < ports.length && ports[index] === null) ports[index] = target.key;
    });
  }
}

function checkInputs(
  node: CheckedNode,
  nodes: ReadonlyMap<string, CheckedNode>,
  problems: FlowProblem[],
): void {
  const label = describe(node);
  for (const [port, { connections }] of Object.entries(node.raw.inputs)) {
    connections.forEach((connection, i) => {
      const path = `nodes.${node.key}.inputs.${port}.connections[${i}]`;
      const source = nodes.get(String(connection.node));
      if (!source) {
        problems.push({
          code: 'dangling_connection',
          path,
          nodeId: node.key,
          message: `${label}: ${port} comes from node ${connection.node}, which does not exist.`,
        });
        return;
      }
      const mirrored = source.raw.outputs[connection.input]?.connections.some(
        (forward) => String(forward.node) === node.key && forward.output === port,
      );
      if (!mirrored) {
        problems.push({
          code: 'asymmetric_connection',
          path,
          nodeId: node.key,
          message: `${label}: ${port} says it comes from node ${source.key} (${connection.input}), but node ${source.key} does not list that connection on its ${connection.input}.`,
        });
      }
    });
  }
}

/** `Node 3 (buttons)` — how every message names a node. */
export function describe(node: CheckedNode): string {
  return `Node ${node.key} (${node.raw.name})`;
}

/** Finds the start node (reporting none or several) and every node no path from start reaches. */
function checkStartAndReachability(
  nodes: ReadonlyMap<string, CheckedNode>,
  problems: FlowProblem[],
): string | null {
  const starts = [...nodes.values()].filter((node) => node.raw.name === 'start');
  if (starts.length === 0) {
    problems.push({
      code: 'no_start',
      path: 'nodes',
      message: 'The flow has no start node; add one "start" node where the conversation begins.',
    });
    return null;
  }
  for (const extra of starts.slice(1)) {
    problems.push({
      code: 'several_starts',
      path: `nodes.${extra.key}`,
      nodeId: extra.key,
      message: `${describe(extra)} is a second start node (node ${starts[0].key} is the first); a flow has exactly one start.`,
    });
  }
  const reached = reachableFrom(
    starts.map((start) => start.key),
    nodes,
  );
  for (const node of nodes.values()) {
    if (!reached.has(node.key)) {
      problems.push({
        code: 'unreachable_node',
        path: `nodes.${node.key}`,
        nodeId: node.key,
        message: `${describe(node)} cannot be reached from the start node; connect it or delete it.`,
      });
    }
  }
  return starts[0].key;
}

/** Breadth-first over the stored connections; iterative and visited-set based, so cycles and huge graphs are fine. */
function reachableFrom(roots: string[], nodes: ReadonlyMap<string, CheckedNode>): Set<string> {
  const reached = new Set(roots);
  const queue = [...roots];
  for (let head = 0; head < queue.length; head++) {
    const node = nodes.get(queue[head]);
    if (!node) continue;
    for (const { connections } of Object.values(node.raw.outputs)) {
      for (const connection of connections) {
        const target = String(connection.node);
        if (!reached.has(target) && nodes.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
  }
  return reached;
}
