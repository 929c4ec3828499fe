import { portIndexOfKey } from '../model/output-ports';
import type { CheckedNode } from './check-nodes';
import type { FlowProblem } from './flow-problem';

/**
 * Checks every connection from both sides (Drawflow writes each one twice) and returns the
 * outputs that hold: `next[key][n-1]` is the node output_n leads to.
 */
export function checkConnections(
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
