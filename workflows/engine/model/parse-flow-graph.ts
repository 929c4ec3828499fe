import { BLOCKING_PROBLEMS, type FlowProblem } from '../validation/flow-problem';
import { analyseFlowGraph } from '../validation/validate-flow-graph';
import type { FlowGraph } from './flow-graph';

/** A stored flow that cannot run; `problems` says why, in the validator's words. */
export class InvalidFlowGraphError extends Error {
  constructor(readonly problems: FlowProblem[]) {
    const blocking = problems.filter((problem) => BLOCKING_PROBLEMS.has(problem.code));
    super(`The flow graph cannot run: ${blocking.map((problem) => problem.message).join(' ')}`);
    this.name = 'InvalidFlowGraphError';
  }
}

/**
 * Turns stored `drawflowData` into the compact graph the interpreter runs. Throws
 * InvalidFlowGraphError when the graph cannot run (bad shape, data, connections or start);
 * unreachable nodes and the opening-template rule are the validator's business, not a reason
 * to refuse a snapshot that already runs.
 */
export function parseFlowGraph(drawflowData: unknown): FlowGraph {
  const { graph, problems } = analyseFlowGraph(drawflowData);
  if (graph === null) throw new InvalidFlowGraphError(problems);
  return graph;
}
