/**
 * The editing side of node types: what a node definition is (`NodeDefinition`: data schema,
 * validation, port prose, title and preview for the validator, the API, the AI generator and the
 * editor) and the registry of them. `satisfies` makes the compiler demand exactly the node types of
 * the run-side registry (node-runtimes.ts).
 */
import type { z } from 'zod';
import type {
  NodeDataMap,
  NodeDataOf,
  NodePortMap,
  NodePortsOf,
  nodeRuntimes,
  NodeType,
} from './node-runtimes';
import { aiReplyNode } from './nodes/ai-reply/ai-reply-node';
import { aiRouterNode } from './nodes/ai-router/ai-router-node';
import { buttonsNode } from './nodes/buttons/buttons-node';
import { conditionNode } from './nodes/condition/condition-node';
import { delayNode } from './nodes/delay/delay-node';
import { endNode } from './nodes/end/end-node';
import { handoffNode } from './nodes/handoff/handoff-node';
import { httpRequestNode } from './nodes/http-request/http-request-node';
import { listNode } from './nodes/list/list-node';
import { mediaNode } from './nodes/media/media-node';
import { messageNode } from './nodes/message/message-node';
import { questionNode } from './nodes/question/question-node';
import { setVariableNode } from './nodes/set-variable/set-variable-node';
import { startNode } from './nodes/start/start-node';
import { templateNode } from './nodes/template/template-node';

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

export { isNodeType } from './node-runtimes';

/** The editing registry that fits run-side registry `R`: one definition per type, typed by its runtime's data and ports. */
export type CatalogueFor<R> = {
  readonly [T in keyof R]: NodeDefinition<NodeDataOf<R[T]>, NodePortsOf<R[T]>>;
};

/** The catalogue's type, by node type (the same shape as `CatalogueFor<typeof nodeRuntimes>`, indexable by a generic type). */
export type NodeCatalogue = { readonly [T in NodeType]: NodeDefinition<NodeDataMap[T], NodePortMap[T]> };

/** Every node type with its schema and documentation. */
export const nodeCatalogue = {
  start: startNode,
  message: messageNode,
  media: mediaNode,
  buttons: buttonsNode,
  list: listNode,
  template: templateNode,
  question: questionNode,
  condition: conditionNode,
  set_variable: setVariableNode,
  http_request: httpRequestNode,
  ai_reply: aiReplyNode,
  ai_router: aiRouterNode,
  delay: delayNode,
  handoff: handoffNode,
  end: endNode,
} as const satisfies CatalogueFor<typeof nodeRuntimes>;

/** All node types, in catalogue order. */
export const nodeTypes = Object.keys(nodeCatalogue) as NodeType[];

/** The definition of one node type, typed by that type. */
export function getNodeDefinition<T extends NodeType>(
  type: T,
): NodeDefinition<NodeDataMap[T], NodePortMap[T]> {
  const catalogue: NodeCatalogue = nodeCatalogue;
  return catalogue[type];
}
