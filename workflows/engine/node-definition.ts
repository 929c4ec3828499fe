import type { z } from 'zod';
import type { EffectRequest, EngineAction } from './engine-action';
import type { FlowState } from './flow-state';
import type { Variables } from './variables';

/** What an executor sees: its node's validated data and a read-only view of the run. */
export interface NodeContext<D> {
  nodeId: string;
  data: D;
  state: Readonly<FlowState>;
  /** Epoch ms of the step (startFlow's `now` or the event's `at`). */
  now: number;
  /** Whether output `n` (1-based, Drawflow's `output_n`) leads somewhere. */
  isConnected(output: number): boolean;
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
export interface NodeResult {
  /** Variables to set (merged over the run's variables). */
  variables?: Variables;
  /** Sends and logs, in order. Effects are requested through `then.wait` instead. */
  actions?: EngineAction[];
  then: NodeOutcome;
}

export type NodeOutcome =
  /**
   * Follow output `output`. When that output is not connected the run ends: `completed`, or
   * `failed` with `reason` (default: the output's name) when the output is a failure output.
   */
  | { kind: 'next'; output: number; reason?: string }
  /** Stay on this node until an event resumes it. `retries` is the node's new re-prompt count. */
  | { kind: 'wait'; wait: NodeWait; retries?: number }
  | { kind: 'end'; status: 'completed' | 'failed'; reason?: string };

/** What a node waits for; the walker assigns timer and effect ids and computes deadlines. */
export type NodeWait =
  | { kind: 'reply'; timeoutMs?: number }
  | { kind: 'timer'; durationMs: number }
  | { kind: 'effect'; effect: EffectRequest }
  | { kind: 'handoff'; timeoutMs?: number };

/** One output port of a node: Drawflow's `output_n` is the n-th entry. */
export interface OutputSpec {
  name: string;
  description: string;
  /** A failure output: left unconnected, taking it fails the run instead of completing it. */
  failure?: boolean;
}

/** A problem with a node's data beyond what its zod schema says (cross-field rules, limits). */
export interface DataProblem {
  /** Path inside `data`, e.g. `['sections', 0, 'rows', 2, 'title']`. */
  path: (string | number)[];
  message: string;
}

/**
 * How a node counts for the rule "business-initiated flows open with a template":
 * `session_message` sends a message that needs an open window, `template` opens correctly,
 * `awaits_reply` waits for the customer (who opens the window by writing), `passes` does neither.
 */
export type OpeningRole = 'session_message' | 'template' | 'awaits_reply' | 'passes';

/** Whether the customer's 24-hour window is open when a node runs (nodes that send act on it). */
export type WindowState = 'open' | 'closed';

/**
 * What the walker needs of one node type at run time. Free of zod on purpose: the workflow bundle
 * imports only this side of the catalogue (see node-runtimes.ts).
 */
export interface NodeRuntime<D> {
  /** The node's outputs in port order; may depend on the data (one per button, rule, intent…). */
  outputs(data: D): OutputSpec[];
  /** Runs when the walker enters the node. */
  execute(ctx: NodeContext<D>): NodeResult;
  /** Runs when an event answers the node's wait; only nodes that wait have it. */
  resume?(ctx: NodeContext<D>, event: NodeEvent): NodeResult;
}

/** Everything the engine, the validator, the API and the AI generator know about one node type. */
export interface NodeDefinition<D> extends NodeRuntime<D> {
  /** One line for people and for the AI generator. */
  summary: string;
  /** Plain zod (objects, strings, numbers, booleans, enums, arrays, optional): convertible to JSON Schema. */
  dataSchema: z.ZodType<D>;
  openingRole(data: D): OpeningRole;
  /** Cross-field rules the schema cannot express. */
  validate?(data: D): DataProblem[];
  /**
   * The outputs (1-based) the node can take as soon as it runs, with the window `window`, without
   * the run waiting for the customer, a timer or an agent. Effects (HTTP, LLM) are not such a wait:
   * their results come back by themselves. Left out: every output (the node never waits for anything
   * outside). The validator refuses a loop made only of such outputs (check-runaway-cycles.ts).
   */
  outputsWithoutWaiting?(data: D, window: WindowState): number[];
}
