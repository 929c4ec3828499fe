import type { AiReplyNodeData } from './nodes/ai-reply/ai-reply-node-data';
import type { AiRouterNodeData } from './nodes/ai-router/ai-router-node-data';
import type { ButtonsNodeData } from './nodes/buttons/buttons-node-data';
import type { ConditionNodeData } from './nodes/condition/condition-node-data';
import type { DelayNodeData } from './nodes/delay/delay-node-data';
import type { EndNodeData } from './nodes/end/end-node-data';
import type { HandoffNodeData } from './nodes/handoff/handoff-node-data';
import type { HttpRequestNodeData } from './nodes/http-request/http-request-node-data';
import type { ListNodeData } from './nodes/list/list-node-data';
import type { MediaNodeData } from './nodes/media/media-node-data';
import type { MessageNodeData } from './nodes/message/message-node-data';
import type { QuestionNodeData } from './nodes/question/question-node-data';
import type { SetVariableNodeData } from './nodes/set-variable/set-variable-node-data';
import type { StartNodeData } from './nodes/start/start-node-data';
import type { TemplateNodeData } from './nodes/template/template-node-data';

/** The data of each node type, by Drawflow `name`. Adding a type here makes the compiler demand it in the catalogue. */
export interface NodeDataMap {
  start: StartNodeData;
  message: MessageNodeData;
  media: MediaNodeData;
  buttons: ButtonsNodeData;
  list: ListNodeData;
  template: TemplateNodeData;
  question: QuestionNodeData;
  condition: ConditionNodeData;
  set_variable: SetVariableNodeData;
  http_request: HttpRequestNodeData;
  ai_reply: AiReplyNodeData;
  ai_router: AiRouterNodeData;
  delay: DelayNodeData;
  handoff: HandoffNodeData;
  end: EndNodeData;
}

/** A node type: the Drawflow node's `name`. */
export type NodeType = keyof NodeDataMap;
