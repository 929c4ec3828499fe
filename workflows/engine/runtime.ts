/**
 * The flow interpreter as the workflows use it: parse a stored (already validated) snapshot, start
 * and resume runs, templating and window helpers. Nothing here loads zod or the schema catalogue,
 * so a workflow run does not pay for them; `./index` adds validation, schemas and the catalogue for
 * the API, activities and tests. `test/workflows/workflow-bundle.test.ts` guards the split.
 *
 * Typical use in a workflow:
 *   const graph = parseFlowGraph(input.drawflowData);
 *   let step = startFlow(graph, { now: Date.now(), trigger: 'outbound', variables, openingTemplate });
 *   // perform step.actions, wait per step.wait, then:
 *   step = resumeFlow(graph, step.state, { type: 'customer_message', messageId, text, at: Date.now() });
 */
export {
  nodeRuntimes,
  isNodeType,
  getNodeRuntime,
  type NodeRuntimes,
  type NodeDataMap,
  type NodePortMap,
  type NodeDataOf,
  type NodePortsOf,
  type NodeType,
} from './node-runtimes';
export type { NodeRuntime, NodeContext, NodeEvent, NodeResult, NodeOutcome, NodeWait } from './node-runtime';
export { outputKeyOf, portIndexOfKey, portIndexOf } from './model/drawflow-document';
export type { OutgoingMessage } from './engine-action';
export { isAllowedOutsideWindow } from './engine-action';
export type { FlowEvent, CustomerMessageEvent, TimerFiredEvent, EffectResultEvent } from './engine-action';
export {
  isHttpEffectValue,
  isAiReplyEffectValue,
  isAiRouterEffectValue,
  type EngineAction,
  type SendAction,
  type EffectAction,
  type StatusAction,
  type LogAction,
  type EffectRequest,
  type EffectKind,
  type HttpEffectRequest,
  type AiReplyEffectRequest,
  type AiRouterEffectRequest,
  type ChatTurn,
  type HttpEffectValue,
  type AiReplyEffectValue,
  type AiRouterEffectValue,
} from './engine-action';
export { waitTimer, type WaitSpec } from './flow-state';
export {
  initialFlowState,
  isFlowEnded,
  waitingFor,
  type WaitingFor,
  MAX_STEPS_PER_RESUME,
  TRANSCRIPT_LIMIT,
  type FlowState,
  type FlowStatus,
  type FlowTrigger,
  type HandoffState,
  type TranscriptEntry,
} from './flow-state';
export { TURN_LIMITS, TURN_LIMIT_REASONS, type TurnCounts } from './flow-state';
export { CUSTOMER_WINDOW_MS, isWindowOpen, windowClosesAt } from './flow-state';
export { renderTemplate, renderTemplateValue } from './variables';
export { readVariablePath, type VariableValue, type Variables } from './variables';
export { WHATSAPP_LIMITS } from './engine-action';
export { EngineInvariantError } from './flow-state';
export type { DrawflowDocument, DrawflowNode } from './model/drawflow-document';
export type { FlowGraph, FlowNode, FlowNodeOf } from './model/flow-graph';
export { parseFlowGraph, InvalidFlowGraphError } from './model/flow-graph';
export { BLOCKING_PROBLEMS, type FlowProblem, type FlowProblemCode } from './validation/flow-problem';
export { startFlow, type StartFlowOptions, type OpeningTemplateMessage } from './interpreter/run-flow';
export { resumeFlow } from './interpreter/run-flow';
export { failBrokenRun, ENGINE_ERROR_REASON } from './interpreter/fail-broken-run';
export type { Step } from './interpreter/run-flow';
export type { NodeTransition, TransitionNote, EndedStatus } from './node-transition';
