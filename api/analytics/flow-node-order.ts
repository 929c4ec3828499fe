import { parseFlowGraph } from '../../workflows/engine';

/** A node of the flow as the analytics list it when nothing happened there. */
export interface FlowNodeRef {
  nodeId: string;
  type: string;
}

/**
 * The nodes of a stored graph in flow order: breadth-first from the start node, each node's outputs
 * in port order, then nodes no path reaches, by id. Empty when the graph cannot run (a draft being
 * edited): the analytics then list the nodes that have events, by id.
 */
export function orderFlowNodes(drawflowData: unknown): FlowNodeRef[] {
  let graph;
  try {
    graph = parseFlowGraph(drawflowData);
  } catch {
    return [];
  }
  const order: string[] = [graph.startNodeId];
  const seen = new Set(order);
  for (let index = 0; index < order.length; index++) {
    for (const target of graph.nodes[order[index]].next) {
      if (target !== null && !seen.has(target)) {
        seen.add(target);
        order.push(target);
      }
    }
  }
  const unreached = Object.keys(graph.nodes)
    .filter((id) => !seen.has(id))
    .sort(compareNodeIds);
  return [...order, ...unreached].map((nodeId) => ({ nodeId, type: graph.nodes[nodeId].type }));
}

/** Drawflow ids are numbers as strings: "2" before "10". */
export function compareNodeIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
