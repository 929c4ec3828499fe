/**
 * The run-side registry: one `NodeRuntime` per node type (ports, executor, resumer) and nothing that
 * needs zod. The workflow bundle reaches the node types only through this record, so a workflow run
 * evaluates no schema. The node types themselves are its keys; the editing side (catalogue.ts) must
 * cover exactly the same types, which the compiler checks there.
 */
import type { NodeRuntime } from './node-runtime';
import { aiReplyNodeRuntime } from './nodes/ai-reply/ai-reply-node-runtime';
import { aiRouterNodeRuntime } from './nodes/ai-router/ai-router-node-runtime';
import { businessHoursNodeRuntime } from './nodes/business-hours/business-hours-node-runtime';
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

/** The one dispatch table the walker executes through, keyed by the Drawflow node's `name`. */
export const nodeRuntimes = {
  start: startNodeRuntime,
  message: messageNodeRuntime,
  media: mediaNodeRuntime,
  buttons: buttonsNodeRuntime,
  list: listNodeRuntime,
  template: templateNodeRuntime,
  question: questionNodeRuntime,
  condition: conditionNodeRuntime,
  business_hours: businessHoursNodeRuntime,
  set_variable: setVariableNodeRuntime,
  http_request: httpRequestNodeRuntime,
  ai_reply: aiReplyNodeRuntime,
  ai_router: aiRouterNodeRuntime,
  delay: delayNodeRuntime,
  handoff: handoffNodeRuntime,
  end: endNodeRuntime,
} as const;

/** A node type: the Drawflow node's `name`. */
export type NodeType = keyof typeof nodeRuntimes;

/** The data type a runtime declares (inferred from its node's zod schema). */
export type NodeDataOf<R> = R extends NodeRuntime<infer D, string> ? D : never;

/** The port names a runtime declares. */
export type NodePortsOf<R> = R extends NodeRuntime<unknown, infer P> ? P : never;

/** The data of each node type. */
export type NodeDataMap = { [T in NodeType]: NodeDataOf<(typeof nodeRuntimes)[T]> };

/** The output port names of each node type. */
export type NodePortMap = { [T in NodeType]: NodePortsOf<(typeof nodeRuntimes)[T]> };

/** Exactly one runtime per node type, typed by that type's data and ports. */
export type NodeRuntimes = { readonly [T in NodeType]: NodeRuntime<NodeDataMap[T], NodePortMap[T]> };

/** Whether a Drawflow `name` is a node type the engine knows. */
export function isNodeType(name: string): name is NodeType {
  return Object.hasOwn(nodeRuntimes, name);
}

/** The runtime of one node type, typed by that type. */
export function getNodeRuntime<T extends NodeType>(type: T): NodeRuntime<NodeDataMap[T], NodePortMap[T]> {
  const runtimes: NodeRuntimes = nodeRuntimes;
  return runtimes[type];
}
