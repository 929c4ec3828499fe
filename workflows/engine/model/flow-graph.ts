import type { NodeDataMap, NodeType } from '../node-runtimes';

/** A node of the compact graph: validated data and where each output leads. */
export type FlowNode = { [T in NodeType]: FlowNodeOf<T> }[NodeType];

export interface FlowNodeOf<T extends NodeType> {
  id: string;
  type: T;
  data: NodeDataMap[T];
  /** Target node id of each output, in port order (`next[0]` is `output_1`); null when unconnected. */
  next: (string | null)[];
}

/** The runnable form of a flow: plain JSON, built by `parseFlowGraph`. */
export interface FlowGraph {
  startNodeId: string;
  nodes: Record<string, FlowNode>;
}
