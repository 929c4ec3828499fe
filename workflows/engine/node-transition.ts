/**
 * Node transitions: how a run moves through its graph, reported with every step so that analytics
 * (and the simulator) see each node entered, left by a port, or ended at, without asking Temporal.
 * The walker notes the raw moves (`TransitionNote`); `completeTransitions` numbers them within the
 * run, adds each node's type and the time spent in a node that was left, and keeps the counters in
 * the run's state. Pure and zod-free: part of the workflow bundle.
 */
import type { FlowState } from './flow-state';
import type { FlowGraph } from './model/flow-graph';

/** How a run ended, as its final status says. */
export type EndedStatus = 'completed' | 'failed' | 'stopped';

/** A move as the walker notes it, before numbering. `at` is the step's epoch ms. */
export type TransitionNote =
  /** The run arrived at the node and executed it. */
  | { kind: 'entered'; nodeId: string; at: number }
  /**
   * The run left the node by output `port` (also when the port is unconnected and the run ends
   * there). `timedOut`: the node's reply or handoff wait ran out (its timeout or the 24-hour window);
   * a delay whose timer fires is not a timeout, that is what a delay is for.
   */
  | { kind: 'left'; nodeId: string; port: string; timedOut?: true; at: number }
  /** A human took charge while the run was at the node (a handoff node, or an agent took over). */
  | { kind: 'handed_over'; nodeId: string; by: 'node' | 'agent'; at: number }
  /** The run ended at the node (an end node, an unconnected port, a limit, a stop). */
  | { kind: 'ended'; nodeId: string; status: EndedStatus; reason?: string; at: number };

/** Numbered and typed by `completeTransitions`; what a Step reports. */
export type NodeTransition = TransitionNote & {
  /** 1, 2, 3… within the run (carried across continue-as-new): with the conversation, a unique key. */
  seq: number;
  /** The node's type in the run's graph (`unknown` for an id the graph does not have). */
  nodeType: string;
  /** For `left`: ms since the node was entered, when the entry is known (runs started before transitions were reported do not know it). */
  spentMs?: number;
};

/**
 * Numbers `notes` after the transitions `before` already reported, times each `left` from its
 * node's entry, and returns the state after them with the counters moved on. With no notes the
 * state is returned as it is (an ignored event changes nothing).
 */
export function completeTransitions(
  graph: FlowGraph,
  before: FlowState,
  after: FlowState,
  notes: readonly TransitionNote[],
): { state: FlowState; transitions: NodeTransition[] } {
  if (notes.length === 0) return { state: after, transitions: [] };
  let seq = before.transitionCount ?? 0;
  let enteredAt = before.nodeEnteredAt;
  const transitions = notes.map((note): NodeTransition => {
    seq += 1;
    const nodeType = graph.nodes[note.nodeId]?.type ?? 'unknown';
    if (note.kind === 'entered') enteredAt = note.at;
    if (note.kind === 'left' && enteredAt !== undefined)
      return { ...note, seq, nodeType, spentMs: note.at - enteredAt };
    return { ...note, seq, nodeType };
  });
  const state: FlowState = { ...after, transitionCount: seq };
  if (enteredAt !== undefined) state.nodeEnteredAt = enteredAt;
  return { state, transitions };
}
