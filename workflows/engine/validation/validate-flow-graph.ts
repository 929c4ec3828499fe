import type { FlowTrigger } from '../flow-state';
import { drawflowDocumentSchema } from '../model/drawflow-schema';
import { buildFlowGraph } from '../model/build-flow-graph';
import type { FlowGraph } from '../model/flow-graph';
import { checkConnections } from './check-connections';
import { checkNode, type CheckedNode } from './check-nodes';
import { checkOpeningTemplate } from './check-opening-template';
import { checkRunawayCycles } from './check-runaway-cycles';
import { checkStartAndReachability } from './check-reachability';
import { readableZodErrors } from './describe-zod-issue';
import { BLOCKING_PROBLEMS, formatPath, type FlowProblem } from './flow-problem';

export interface ValidateFlowGraphOptions {
  /** How runs of this flow start. Outbound and lead runs must open with a template. */
  trigger?: FlowTrigger;
  /**
   * The trigger itself sends an approved template before the flow starts (an outbound trigger
   * sends its template group's template), so the flow may open with any message.
   */
  openingTemplateProvided?: boolean;
}

/** Every problem found, and the runnable graph when none of them blocks running it. */
export interface FlowGraphAnalysis {
  problems: FlowProblem[];
  graph: FlowGraph | null;
}

/**
 * Checks a stored `drawflowData` and returns every problem, each with a path and a message a
 * person understands. An empty list means the flow can be saved and run. Linear in the size of
 * the graph and safe on cycles (walks are iterative with visited sets).
 */
export function validateFlowGraph(
  drawflowData: unknown,
  options: ValidateFlowGraphOptions = {},
): FlowProblem[] {
  return analyseFlowGraph(drawflowData, options).problems;
}

/** validateFlowGraph plus the compact graph (null when a problem blocks running). */
export function analyseFlowGraph(
  drawflowData: unknown,
  options: ValidateFlowGraphOptions = {},
): FlowGraphAnalysis {
  const problems: FlowProblem[] = [];
  const document = drawflowDocumentSchema.safeParse(drawflowData, { error: readableZodErrors });
  if (!document.success) {
    for (const issue of document.error.issues) {
      const path = formatPath(issue.path);
      problems.push({
        code: 'invalid_document',
        path: path || 'drawflow',
        message: `The flow is not Drawflow JSON ({"drawflow":{"Home":{"data":{…}}}}): ${path || 'document'}: ${issue.message}`,
      });
    }
    return { problems, graph: null };
  }
  const nodes = new Map<string, CheckedNode>();
  for (const [key, value] of Object.entries(document.data.drawflow.Home.data)) {
    const checked = checkNode(key, value, problems);
    if (checked) nodes.set(key, checked);
  }
  const next = checkConnections(nodes, problems);
  const startKey = checkStartAndReachability(nodes, problems);
  checkRunawayCycles(nodes, next, problems);
  const businessInitiated = options.trigger === 'outbound' || options.trigger === 'lead';
  if (startKey !== null && businessInitiated && !options.openingTemplateProvided) {
    checkOpeningTemplate(startKey, nodes, next, problems);
  }
  const runnable = startKey !== null && !problems.some((problem) => BLOCKING_PROBLEMS.has(problem.code));
  return { problems, graph: runnable ? buildFlowGraph(startKey, nodes, next) : null };
}

/**
 * A stored flow compiled once for every trigger: all its problems (the opening-template rule checked
 * as for a run that needs it) and, when none blocks running, the snapshot a run receives.
 */
export type CompiledFlow = FlowGraphAnalysis;

/**
 * Validates a stored `drawflowData` once and returns the run snapshot: the compact graph (node data
 * checked, ports resolved to the next node ids, the start node), plain JSON for the workflow input.
 * The run trusts it; `problemsBlockingRun` then says per trigger whether a run may start, so the
 * API can cache one result per flow version.
 */
export function compileFlow(drawflowData: unknown): CompiledFlow {
  // The opening-template rule never blocks building the graph, so checking it always costs nothing
  // to the triggers that do not need it: problemsBlockingRun drops its findings for them.
  return analyseFlowGraph(drawflowData, { trigger: 'lead' });
}

/**
 * The problems that stop a run of `flow` started by `trigger`: the structural ones, and the
 * opening-template rule for a lead (an outbound trigger sends its own template first, an inbound
 * run has the customer's window open).
 */
export function problemsBlockingRun(flow: CompiledFlow, trigger: FlowTrigger): FlowProblem[] {
  return flow.problems.filter(
    (problem) =>
      BLOCKING_PROBLEMS.has(problem.code) ||
      (problem.code === 'opening_template_required' && trigger === 'lead'),
  );
}
