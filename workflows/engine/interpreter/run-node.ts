import { EngineInvariantError } from '../engine-invariant-error';
import type { FlowState } from '../flow-state';
import type { FlowNodeOf } from '../model/flow-graph';
import { portIndexOf } from '../model/output-ports';
import type { NodeContext, NodeEvent, NodeResult } from '../node-runtime';
import { getNodeRuntime, type NodeType } from '../node-runtimes';

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

/** Where port `port` of `node` leads: the target node id, or null when it is not connected. */
export function targetOf<T extends NodeType>(node: FlowNodeOf<T>, port: string): string | null {
  const index = portIndexOf(getNodeRuntime(node.type).ports(node.data), port);
  if (index < 0) throw new EngineInvariantError(`Node ${node.id} (${node.type}) has no port "${port}".`);
  return node.next[index] ?? null;
}

/** Whether port `port` is one the node's runtime marks as a failure (the run fails when it is unconnected). */
export function isFailurePort<T extends NodeType>(node: FlowNodeOf<T>, port: string): boolean {
  const failures: readonly string[] = getNodeRuntime(node.type).failurePorts ?? [];
  return failures.includes(port);
}

function contextFor<T extends NodeType>(
  node: FlowNodeOf<T>,
  state: FlowState,
  now: number,
): NodeContext<FlowNodeOf<T>['data'], string> {
  return {
    nodeId: node.id,
    data: node.data,
    state,
    now,
    isConnected: (port) => targetOf(node, port) !== null,
  };
}
