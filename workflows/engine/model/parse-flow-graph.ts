import { getNodeRuntime, isNodeType, type NodeType } from '../node-runtimes';
import { checkConnections } from '../validation/check-connections';
import type { CheckedNode } from '../validation/check-nodes';
import { checkStartAndReachability } from '../validation/check-reachability';
import { BLOCKING_PROBLEMS, type FlowProblem } from '../validation/flow-problem';
import { buildFlowGraph } from './build-flow-graph';
import type { FlowGraph, FlowNode, FlowNodeOf } from './flow-graph';
import { isDrawflowNode, isRecord } from './is-drawflow-node';

/** A stored flow that cannot run; `problems` says why, in the validator's words. */
export class InvalidFlowGraphError extends Error {
  constructor(readonly problems: FlowProblem[]) {
    const blocking = problems.filter((problem) => BLOCKING_PROBLEMS.has(problem.code));
    super(`The flow graph cannot run: ${blocking.map((problem) => problem.message).join(' ')}`);
    this.name = 'InvalidFlowGraphError';
  }
}

/**
 * Turns a stored `drawflowData` snapshot into the compact graph the interpreter runs. Throws
 * InvalidFlowGraphError when its structure cannot run (not Drawflow, malformed or unknown nodes,
 * broken connections, no single start).
 *
 * Node `data` is trusted, not checked: the engine validated it with the node schemas when the flow
 * was saved or activated and again when the API started the run (`analyseFlowGraph`), and this
 * function runs inside every workflow run, which must not load zod. Unreachable nodes and the
 * opening-template rule are the validator's business too.
 */
export function parseFlowGraph(drawflowData: unknown): FlowGraph {
  const home = readHomeData(drawflowData);
  if (home === null) {
    throw new InvalidFlowGraphError([
      {
        code: 'invalid_document',
        path: 'drawflow',
        message: 'The flow is not Drawflow JSON ({"drawflow":{"Home":{"data":{…}}}}).',
      },
    ]);
  }
  const problems: FlowProblem[] = [];
  const nodes = new Map<string, CheckedNode>();
  for (const [key, value] of Object.entries(home)) {
    const checked = readNode(key, value, problems);
    if (checked) nodes.set(key, checked);
  }
  const next = checkConnections(nodes, problems);
  const startKey = checkStartAndReachability(nodes, problems);
  if (startKey === null || problems.some((problem) => BLOCKING_PROBLEMS.has(problem.code))) {
    throw new InvalidFlowGraphError(problems);
  }
  return buildFlowGraph(startKey, nodes, next);
}

function readHomeData(document: unknown): Record<string, unknown> | null {
  if (!isRecord(document) || !isRecord(document.drawflow)) return null;
  const home = document.drawflow.Home;
  return isRecord(home) && isRecord(home.data) ? home.data : null;
}

function readNode(key: string, value: unknown, problems: FlowProblem[]): CheckedNode | null {
  if (!isDrawflowNode(value)) {
    problems.push({
      code: 'invalid_node',
      path: `nodes.${key}`,
      nodeId: key,
      message: `Node ${key} is not a valid Drawflow node.`,
    });
    return null;
  }
  const checked: CheckedNode = { key, raw: value };
  if (String(value.id) !== key) {
    problems.push({
      code: 'node_id_mismatch',
      path: `nodes.${key}.id`,
      nodeId: key,
      message: `Node ${key} says its id is ${JSON.stringify(value.id)}; the id must equal the key it is stored under.`,
    });
  }
  if (!isNodeType(value.name)) {
    problems.push({
      code: 'unknown_type',
      path: `nodes.${key}.name`,
      nodeId: key,
      message: `Node ${key} has the unknown type "${value.name}".`,
    });
    return checked;
  }
  attachTrustedData(checked, value.name);
  return checked;
}

function attachTrustedData<T extends NodeType>(checked: CheckedNode, type: T): void {
  // Trusted: validated against the node's schema before the run started (see parseFlowGraph).
  const data = (checked.raw.data ?? {}) as FlowNodeOf<T>['data'];
  const node: FlowNodeOf<T> = { id: checked.key, type, data, next: [] };
  // TypeScript cannot see that FlowNodeOf<T> for a generic T is a member of the FlowNode union.
  checked.node = node as FlowNode;
  checked.outputCount = getNodeRuntime(type).ports(data).length;
}
