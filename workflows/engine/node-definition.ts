import type { z } from 'zod';

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
 * One node type for the editing side: the validator, the API, the AI generator and the editor.
 * Its run side (ports, executor) is the matching `NodeRuntime` in `*-node-runtime.ts`.
 */
export interface NodeDefinition<D, P extends string = string> {
  /** The node's title in the editor. */
  title: string;
  /** One line for people and for the AI generator. */
  summary: string;
  /** Plain zod (objects, strings, numbers, booleans, enums, arrays, optional): convertible to JSON Schema. */
  dataSchema: z.ZodType<D>;
  /**
   * The output ports in order, each with what taking it means: the AI generator's prompt and the
   * docs read it. A family of ports that depends on the data is one entry (`button_1 … button_n`).
   */
  ports: Readonly<Record<string, string>>;
  /** A short text for the node's box in the editor; none when the title says it all. */
  preview?(data: D): string | undefined;
  openingRole(data: D): OpeningRole;
  /** Cross-field rules the schema cannot express. */
  validate?(data: D): DataProblem[];
  /**
   * The ports the node can take as soon as it runs, with the window `window`, without the run
   * waiting for the customer, a timer or an agent. Effects (HTTP, LLM) are not such a wait: their
   * results come back by themselves. Left out: every port (the node never waits for anything
   * outside). The validator refuses a loop made only of such ports (check-runaway-cycles.ts).
   */
  portsWithoutWaiting?(data: D, window: WindowState): readonly P[];
}
