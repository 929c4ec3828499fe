import { EngineInvariantError } from '../engine-invariant-error';
import type { EngineAction } from '../engine-action';
import type { FlowState } from '../flow-state';
import type { FlowGraph } from '../model/flow-graph';
import type { NodeEvent } from '../node-runtime';
import { resumeNode } from './run-node';
import type { Step } from './step';
import { continueRun } from './walk-graph';

/** Hands `event` to the node the run waits on, then walks on from its result. */
export function resumeWaitingNode(
  graph: FlowGraph,
  state: FlowState,
  actions: EngineAction[],
  event: NodeEvent,
  now: number,
): Step {
  const nodeId = state.wait?.nodeId;
  const node = nodeId === undefined ? undefined : graph.nodes[nodeId];
  if (!node)
    throw new EngineInvariantError(`The run waits on node ${nodeId ?? '(none)'}, which is not in the graph.`);
  const waiting: FlowState = { ...state, wait: null, nodeId: node.id };
  return continueRun(graph, waiting, actions, node.id, resumeNode(node, waiting, event, now), now);
}
