/**
 * The compact graph a run walks (`FlowGraph`: node data checked, ports resolved to node ids) and its
 * builders: the validator's, and `parseFlowGraph` for runs started with the Drawflow document.
 */
import { getNodeRuntime, type NodeDataMap, type NodeType } from '../node-runtimes';
import { checkFlowStructure, type CheckedNode } from '../validation/check-connections';
import { BLOCKING_PROBLEMS, type FlowProblem } from '../validation/flow-problem';

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
  /**
   * Customer messages less than this many ms apart answer a reply wait as one (interpreter/reply-burst.ts);
   * 0 is off. `compileFlow` writes it from the start node; absent (off) in graphs compiled before it
   * existed and in `parseFlowGraph`'s, so runs started before it replay unchanged.
   */
  mergeMessagesWithinMs?: number;
}

/** A stored flow that cannot run; `problems` says why, in the validator's words. */
export class InvalidFlowGraphError extends Error {
  constructor(readonly problems: FlowProblem[]) {
    const blocking = problems.filter((problem) => BLOCKING_PROBLEMS.has(problem.code));
    super(`The flow graph cannot run: ${blocking.map((problem) => problem.message).join(' ')}`);
    this.name = 'InvalidFlowGraphError';
  }
}

/**
 * Turns a stored `drawflowData` into the compact graph the interpreter runs: what runs started
 * before the API compiled flows (`compileFlow`) do with the Drawflow document in their input. Throws
 * InvalidFlowGraphError when its structure cannot run (not Drawflow, malformed or unknown nodes,
 * broken connections, no single start).
 *
 * Node `data` is trusted, not checked: the API validated it before it started the run, and this
 * runs inside a workflow run, which must not load zod. Unreachable nodes and the opening-template
 * rule are the validator's business too.
 */
export function parseFlowGraph(drawflowData: unknown): FlowGraph {
  const problems: FlowProblem[] = [];
  const structure = checkFlowStructure(drawflowData, problems, attachTrustedData);
  if (structure?.startKey == null || problems.some((problem) => BLOCKING_PROBLEMS.has(problem.code))) {
    throw new InvalidFlowGraphError(problems);
  }
  return buildFlowGraph(structure.startKey, structure.nodes, structure.next);
}

function attachTrustedData<T extends NodeType>(checked: CheckedNode, type: T): void {
  // Trusted: validated against the node's schema before the run started (see parseFlowGraph).
  const data = (checked.raw.data ?? {}) as FlowNodeOf<T>['data'];
  const node: FlowNodeOf<T> = { id: checked.key, type, data, next: [] };
  // TypeScript cannot see that FlowNodeOf<T> for a generic T is a member of the FlowNode union.
  checked.node = node as FlowNode;
  checked.outputCount = getNodeRuntime(type).ports(data).length;
}

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
