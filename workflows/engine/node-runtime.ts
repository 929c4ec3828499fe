import type { EffectRequest, EngineAction } from './engine-action';
import type { FlowState } from './flow-state';
import type { Variables } from './variables';

/** What an executor sees: its node's validated data and a read-only view of the run. */
export interface NodeContext<D, P extends string = string> {
  nodeId: string;
  data: D;
  state: Readonly<FlowState>;
  /** Epoch ms of the step (startFlow's `now` or the event's `at`). */
  now: number;
  /** Whether the output port `port` leads somewhere. */
  isConnected(port: P): boolean;
}

/** The event a waiting node is resumed with, already matched to its wait by the walker. */
export type NodeEvent =
  | { type: 'reply'; text: string; payload?: string; at: number }
  /** The reply or handoff wait's deadline passed (its own timeout, or the 24-hour window). */
  | { type: 'timeout'; at: number }
  /** A delay's timer fired. */
  | { type: 'timer'; at: number }
  | { type: 'effect'; ok: true; value: unknown; at: number }
  | { type: 'effect'; ok: false; error: string; at: number }
  /** An agent released a handoff node. */
  | { type: 'released'; at: number };

/**
 * The one result shape every executor returns: variable changes, actions, and what happens next.
 * The walker applies it; executors never touch FlowState themselves.
 */
export interface NodeResult<P extends string = string> {
  /** Variables to set (merged over the run's variables). */
  variables?: Variables;
  /** Sends and logs, in order. Effects are requested through `then.wait` instead. */
  actions?: EngineAction[];
  then: NodeOutcome<P>;
}

export type NodeOutcome<P extends string = string> =
  /**
   * Follow the output port `next`. When it is not connected the run ends: `completed`, or `failed`
   * with `reason` (default: the port's name) when it is one of the node's failure ports.
   */
  | { next: P; reason?: string }
  /** Stay on this node until an event resumes it. `retries` is the node's new re-prompt count. */
  | { wait: NodeWait; retries?: number }
  | { end: 'completed' | 'failed'; reason?: string };

/** What a node waits for; the walker assigns timer and effect ids and computes deadlines. */
export type NodeWait =
  | { kind: 'reply'; timeoutMs?: number }
  | { kind: 'timer'; durationMs: number }
  | { kind: 'effect'; effect: EffectRequest }
  | { kind: 'handoff'; timeoutMs?: number };

/**
 * One node type at run time: its output ports, executor and resumer. Free of zod on purpose: the
 * workflow bundle imports only this side of a node type (its `*-node-runtime.ts`).
 */
export interface NodeRuntime<D, P extends string = string> {
  /**
   * The output ports by name, in Drawflow order (the first is `output_1`, see
   * model/output-ports.ts); may depend on the data (one per button, rule, intent…).
   */
  ports(data: D): readonly P[];
  /** Ports that, taken and left unconnected, fail the run instead of completing it. */
  failurePorts?: readonly P[];
  /** Runs when the walker enters the node. */
  execute(ctx: NodeContext<D, P>): NodeResult<P>;
  /** Runs when an event answers the node's wait; only nodes that wait have it. */
  resume?(ctx: NodeContext<D, P>, event: NodeEvent): NodeResult<P>;
}
