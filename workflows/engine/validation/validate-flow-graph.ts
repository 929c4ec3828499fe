import type { FlowTrigger } from '../flow-state';
import { buildFlowGraph, type FlowGraph, type FlowNode, type FlowNodeOf } from '../model/flow-graph';
import { checkFlowStructure, describe, type CheckedNode } from './check-connections';
import { checkRunawayCycles } from './check-runaway-cycles';
import { BLOCKING_PROBLEMS, type FlowProblem, formatPath, readableZodErrors } from './flow-problem';
import { getNodeDefinition } from '../catalogue';
import { DEFAULT_MERGE_MESSAGES_WITHIN_MS } from '../interpreter/reply-burst';
import type { DataProblem, OpeningRole } from '../node-definition';
import { getNodeRuntime, type NodeType } from '../node-runtimes';

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
  const structure = checkFlowStructure(drawflowData, problems, (checked, type) =>
    checkNodeData(checked, type, problems),
  );
  if (structure === null) return { problems, graph: null };
  const { nodes, next, startKey } = structure;
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
  const analysis = analyseFlowGraph(drawflowData, { trigger: 'lead' });
  return analysis.graph ? { ...analysis, graph: withFlowSettings(analysis.graph) } : analysis;
}

/**
 * The flow settings the start node holds, written into the snapshot with their defaults, so a run
 * reads them from its input and never from a default that could change under it.
 */
function withFlowSettings(graph: FlowGraph): FlowGraph {
  const start = graph.nodes[graph.startNodeId];
  const gap = start.type === 'start' ? start.data.mergeMessagesWithinMs : undefined;
  return { ...graph, mergeMessagesWithinMs: gap ?? DEFAULT_MERGE_MESSAGES_WITHIN_MS };
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

function checkNodeData<T extends NodeType>(checked: CheckedNode, type: T, problems: FlowProblem[]): void {
  const definition = getNodeDefinition(type);
  const parsed = definition.dataSchema.safeParse(checked.raw.data ?? {}, { error: readableZodErrors });
  const issues: DataProblem[] = parsed.success
    ? (definition.validate?.(parsed.data) ?? [])
    : parsed.error.issues.map((issue) => ({
        path: issue.path as (string | number)[],
        message: issue.message,
      }));
  for (const issue of issues) {
    const field = formatPath(issue.path);
    problems.push({
      code: 'invalid_data',
      path: `nodes.${checked.key}.data${field ? `.${field}`.replace('.[', '[') : ''}`,
      nodeId: checked.key,
      message: `Node ${checked.key} (${type}), ${field || 'data'}: ${issue.message}`,
    });
  }
  if (parsed.success && issues.length === 0) {
    const node: FlowNodeOf<T> = { id: checked.key, type, data: parsed.data, next: [] };
    // TypeScript cannot see that FlowNodeOf<T> for a generic T is a member of the FlowNode union.
    checked.node = node as FlowNode;
    checked.outputCount = getNodeRuntime(type).ports(parsed.data).length;
  }
}

/**
 * Business-initiated runs (outbound, lead) start with the window closed, so along every path from
 * start the first message must be a template. Walks until a template or a wait for the customer;
 * reports each node that would send a session message first.
 */
function checkOpeningTemplate(
  startKey: string,
  nodes: ReadonlyMap<string, CheckedNode>,
  next: ReadonlyMap<string, (string | null)[]>,
  problems: FlowProblem[],
): void {
  const seen = new Set([startKey]);
  const queue = [startKey];
  for (let head = 0; head < queue.length; head++) {
    const node = nodes.get(queue[head]);
    if (!node) continue;
    const role = openingRoleOf(node);
    if (role === 'session_message') {
      problems.push({
        code: 'opening_template_required',
        path: `nodes.${node.key}`,
        nodeId: node.key,
        message: `Flows started by an outbound trigger or a lead must open with an approved template (the customer's 24-hour window is closed), but ${describe(node)} can send a message before any template. Put a template node first.`,
      });
      continue;
    }
    if (role !== 'passes') continue;
    for (const target of next.get(node.key) ?? []) {
      if (target !== null && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
}

function openingRoleOf(checked: CheckedNode): OpeningRole {
  return checked.node ? roleOf(checked.node) : 'passes';
}

function roleOf<T extends NodeType>(node: FlowNodeOf<T>): OpeningRole {
  return getNodeDefinition(node.type).openingRole(node.data);
}
