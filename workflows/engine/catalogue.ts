/**
 * The editing-side registry: one `NodeDefinition` (node-definition.ts) per node type. `satisfies`
 * makes the compiler demand exactly the node types of the run-side registry (node-runtimes.ts).
 */
import type { NodeDefinition } from './node-definition';
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
import { businessHoursNode } from './nodes/business-hours/business-hours-node';
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
  business_hours: businessHoursNode,
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
