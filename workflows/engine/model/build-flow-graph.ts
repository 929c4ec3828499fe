import type { CheckedNode } from '../validation/check-nodes';
import type { FlowGraph, FlowNode } from './flow-graph';

/** The compact graph from nodes whose type and data hold and the outputs that hold. */
export function buildFlowGraph(
  startNodeId: string,
  nodes: ReadonlyMap<string, CheckedNode>,
  next: ReadonlyMap<string, (string | null)[]>,
): FlowGraph {
  const graphNodes: Record<string, FlowNode> = {};
  for (const checked of nodes.values()) {
    // Callers build only without blocking problems, so every node has a type and its data.
    if (checked.node) graphNodes[checked.key] = { ...checked.node, next: next.get(checked.key) ?? [] };
  }
  return { startNodeId, nodes: graphNodes };
}
