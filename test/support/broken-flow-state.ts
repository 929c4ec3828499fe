/**
 * A run state its graph does not have, as a FlowBot bug would leave it: the run waits where the
 * flow's first wait is, but on a node id the graph lacks, so the event that answers it breaks an
 * engine invariant (the run fails with reason `engine_error`). Carried into a run as if it had
 * continued-as-new with it.
 */
import {
  compileFlow,
  startFlow,
  type FlowGraph,
  type FlowState,
  type FlowTrigger,
} from '../../workflows/engine';
import type { CarriedConversationState } from '../../workflows/definitions';

/** The node id the broken state waits on. */
export const MISSING_NODE_ID = '999';

/** `waiting`: the state at the flow's first wait, as a run started now has it; `carried`: it broken. */
export function brokenWaitingState(
  drawflowData: unknown,
  trigger: FlowTrigger,
): { waiting: FlowState; carried: CarriedConversationState } {
  const graph = compileFlow(drawflowData).graph as FlowGraph;
  const waiting = startFlow(graph, { now: Date.now(), trigger }).state;
  if (!waiting.wait) throw new Error('the flow must wait somewhere for its state to be broken');
  const broken: FlowState = { ...waiting, wait: { ...waiting.wait, nodeId: MISSING_NODE_ID } };
  return { waiting, carried: { flowState: broken, seenMessageIds: [] } };
}
