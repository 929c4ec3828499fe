/**
 * The editing side of a node type: what a node definition is (`NodeDefinition`: data schema,
 * validation, port prose, title and preview for the validator, the API, the AI generator and the
 * editor), and the behaviour several definitions share (sending one session message, offering a
 * choice, passing straight on). The registry of definitions is catalogue.ts.
 */
import type { z } from 'zod';
import type { ChoicePort } from './node-runtime';

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

/** The part of a definition that a behaviour several node types share supplies; each node's file adds the rest. */
export type SharedBehaviour<P extends string> = Pick<
  NodeDefinition<unknown, P>,
  'ports' | 'openingRole' | 'portsWithoutWaiting'
>;

/**
 * A node that sends one session message and moves on (message, media): `sent`, or `window_closed`
 * at once when the 24-hour window is closed, since only a template may be sent then.
 */
export function sessionMessageBehaviour(ports: { sent: string }): SharedBehaviour<'sent' | 'window_closed'> {
  return {
    ports: { sent: ports.sent, window_closed: 'the 24-hour window was closed, so nothing was sent' },
    openingRole: () => 'session_message',
    portsWithoutWaiting: (_data, window) => (window === 'open' ? ['sent'] : ['window_closed']),
  };
}

/**
 * A choice node (buttons, list): its choices' port family and `other`, then `timeout`. It sends a
 * session message; with the window closed nothing is sent and `timeout` is taken at once.
 */
export function choiceNodeBehaviour(
  ports: Readonly<Record<string, string>> & { other: string },
): SharedBehaviour<ChoicePort> {
  return {
    ports: {
      ...ports,
      timeout:
        'no answer before the timeout or the end of the 24-hour window, or the window was already closed',
    },
    openingRole: () => 'session_message',
    portsWithoutWaiting: (_data, window) => (window === 'open' ? [] : ['timeout']),
  };
}

/** A node that plays no part in the opening rule and has one port, `next` (start, set_variable, delay). */
export function passThroughBehaviour(ports: { next: string }): SharedBehaviour<'next'> {
  return { ports, openingRole: () => 'passes' };
}
