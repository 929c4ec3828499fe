import { EngineInvariantError } from '../engine-invariant-error';
import type { FlowState } from '../flow-state';
import type { FlowNodeOf } from '../model/flow-graph';
import type { NodeContext, NodeEvent, NodeResult, OutputSpec } from '../node-definition';
import type { NodeType } from '../node-types';
import { getNodeRuntime } from '../node-runtimes';

/** Executes a node on entry through the runtime table (typed by the node's own type). */
export function executeNode<T extends NodeType>(
  node: FlowNodeOf<T>,
  state: FlowState,
  now: number,
): NodeResult {
  return getNodeRuntime(node.type).execute(contextFor(node, state, now));
}

/** Resumes a waiting node with the event that answers its wait. */
export function resumeNode<T extends NodeType>(
  node: FlowNodeOf<T>,
  state: FlowState,
  event: NodeEvent,
  now: number,
): NodeResult {
  const runtime = getNodeRuntime(node.type);
  if (!runtime.resume) {
    throw new EngineInvariantError(`Node ${node.id} (${node.type}) was resumed but never waits.`);
  }
  return runtime.resume(contextFor(node, state, now), event);
}

/** The spec of output `output` (1-based), or undefined past the node's outputs. */
export function outputSpec<T extends NodeType>(node: FlowNodeOf<T>, output: number): OutputSpec | undefined {
  return getNodeRuntime(node.type).outputs(node.data)[output - 1];
}

function contextFor<T extends NodeType>(
  node: FlowNodeOf<T>,
  state: FlowState,
  now: number,
): NodeContext<FlowNodeOf<T>['data']> {
  return {
    nodeId: node.id,
    data: node.data,
    state,
    now,
    isConnected: (output) => (node.next[output - 1] ?? null) !== null,
  };
}
