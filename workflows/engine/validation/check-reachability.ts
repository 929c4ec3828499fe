import type { CheckedNode } from './check-nodes';
import { describe } from './check-connections';
import type { FlowProblem } from './flow-problem';

/** Finds the start node (reporting none or several) and every node no path from start reaches. */
export function checkStartAndReachability(
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
