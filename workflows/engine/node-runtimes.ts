/**
 * The run-time half of the node catalogue: outputs, executor and resumer of every node type, and
 * nothing that needs zod. The workflow bundle reaches the node types only through this table, so a
 * workflow run evaluates no schema; catalogue.ts adds schemas and documentation for the validator,
 * the API and the AI generator.
 */
import type { NodeRuntime } from './node-definition';
import type { NodeDataMap, NodeType } from './node-types';
import { aiReplyNodeRuntime } from './nodes/ai-reply/ai-reply-node-runtime';
import { aiRouterNodeRuntime } from './nodes/ai-router/ai-router-node-runtime';
import { buttonsNodeRuntime } from './nodes/buttons/buttons-node-runtime';
import { conditionNodeRuntime } from './nodes/condition/condition-node-runtime';
import { delayNodeRuntime } from './nodes/delay/delay-node-runtime';
import { endNodeRuntime } from './nodes/end/end-node-runtime';
import { handoffNodeRuntime } from './nodes/handoff/handoff-node-runtime';
import { httpRequestNodeRuntime } from './nodes/http-request/http-request-node-runtime';
import { listNodeRuntime } from './nodes/list/list-node-runtime';
import { mediaNodeRuntime } from './nodes/media/media-node-runtime';
import { messageNodeRuntime } from './nodes/message/message-node-runtime';
import { questionNodeRuntime } from './nodes/question/question-node-runtime';
import { setVariableNodeRuntime } from './nodes/set-variable/set-variable-node-runtime';
import { startNodeRuntime } from './nodes/start/start-node-runtime';
import { templateNodeRuntime } from './nodes/template/template-node-runtime';

/** Exactly one runtime per node type, typed by that type's data. */
export type NodeRuntimes = { readonly [T in NodeType]: NodeRuntime<NodeDataMap[T]> };

/** The one dispatch table the walker executes through. */
export const nodeRuntimes = {
  start: startNodeRuntime,
  message: messageNodeRuntime,
  media: mediaNodeRuntime,
  buttons: buttonsNodeRuntime,
  list: listNodeRuntime,
  template: templateNodeRuntime,
  question: questionNodeRuntime,
  condition: conditionNodeRuntime,
  set_variable: setVariableNodeRuntime,
  http_request: httpRequestNodeRuntime,
  ai_reply: aiReplyNodeRuntime,
  ai_router: aiRouterNodeRuntime,
  delay: delayNodeRuntime,
  handoff: handoffNodeRuntime,
  end: endNodeRuntime,
} as const satisfies NodeRuntimes;

/** Whether a Drawflow `name` is a node type the engine knows. */
export function isNodeType(name: string): name is NodeType {
  return Object.hasOwn(nodeRuntimes, name);
}

/** The runtime of one node type, typed by that type. */
export function getNodeRuntime<T extends NodeType>(type: T): NodeRuntime<NodeDataMap[T]> {
  const runtimes: NodeRuntimes = nodeRuntimes;
  return runtimes[type];
}
