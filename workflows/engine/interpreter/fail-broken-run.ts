/**
 * The step of a run whose own step broke an engine invariant (a FlowBot bug, not the flow's): the
 * run fails where its state is, with reason `engine_error`, and reports that end as a transition
 * like any other end, so that analytics counts the failure (docs/analytics.md).
 */
import { initialFlowState, type FlowState, type FlowTrigger } from '../flow-state';
import type { FlowGraph } from '../model/flow-graph';
import { completeTransitions, type TransitionNote } from '../node-transition';
import type { Step } from './run-flow';
import { endRun, type StepTrail } from './walk-graph';

/** The reason a run failed by a broken engine invariant ends with. */
export const ENGINE_ERROR_REASON = 'engine_error';

/**
 * Fails the run at `before`'s node (the moves of the broken step are lost with it). `before` is
 * undefined when the run's first step broke: the run fails at the start node, and its arrival there
 * is reported too, so that it counts as started as well as failed.
 */
export function failBrokenRun(
  graph: FlowGraph,
  before: FlowState | undefined,
  trigger: FlowTrigger,
  now: number,
): Step {
  const state = before ?? initialFlowState(graph.startNodeId, trigger);
  const notes: TransitionNote[] =
    before === undefined ? [{ kind: 'entered', nodeId: graph.startNodeId, at: now }] : [];
  const trail: StepTrail = { actions: [], notes };
  const walked = endRun(state, trail, 'failed', ENGINE_ERROR_REASON, now);
  const completed = completeTransitions(graph, state, walked.state, trail.notes);
  return { ...walked, state: completed.state, transitions: completed.transitions };
}
