/**
 * The pure flow interpreter: Drawflow model, node catalogue, validator, `{{variable}}` templating
 * and the state-machine API the conversation workflow drives. No Temporal, no I/O, no clock.
 *
 * Typical use in a workflow:
 *   const graph = parseFlowGraph(input.drawflowData);
 *   let step = startFlow(graph, { now: Date.now(), trigger: 'outbound', variables, openingTemplate });
 *   // perform step.actions, wait per step.wait, then:
 *   step = resumeFlow(graph, step.state, { type: 'customer_message', messageId, text, at: Date.now() });
 */
export { nodeCatalogue, nodeTypes, isNodeType, getNodeDefinition, type NodeCatalogue } from './catalogue';
export type { NodeDataMap, NodeType } from './node-types';
export type {
  NodeDefinition,
  NodeContext,
  NodeEvent,
  NodeResult,
  NodeOutcome,
  NodeWait,
  OutputSpec,
  DataProblem,
  OpeningRole,
} from './node-definition';
export type { OutgoingMessage } from './outgoing-message';
export { isAllowedOutsideWindow } from './outgoing-message';
export type { FlowEvent, CustomerMessageEvent, TimerFiredEvent, EffectResultEvent } from './flow-event';
export {
  httpEffectValueSchema,
  aiReplyEffectValueSchema,
  aiRouterEffectValueSchema,
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
export { waitTimer, type WaitSpec } from './wait-spec';
export {
  isFlowEnded,
  MAX_STEPS_PER_RESUME,
  TRANSCRIPT_LIMIT,
  type FlowState,
  type FlowStatus,
  type FlowTrigger,
  type HandoffState,
  type TranscriptEntry,
} from './flow-state';
export { CUSTOMER_WINDOW_MS, isWindowOpen, windowClosesAt } from './customer-window';
export { renderTemplate, renderTemplateValue } from './render-template';
export { readVariablePath, type VariableValue, type Variables } from './variables';
export { WHATSAPP_LIMITS } from './whatsapp-limits';
export { EngineInvariantError } from './engine-invariant-error';
export type { DrawflowDocument, DrawflowNode } from './model/drawflow-schema';
export { drawflowDocumentSchema, drawflowNodeSchema } from './model/drawflow-schema';
export type { FlowGraph, FlowNode, FlowNodeOf } from './model/flow-graph';
export { parseFlowGraph, InvalidFlowGraphError } from './model/parse-flow-graph';
export {
  validateFlowGraph,
  analyseFlowGraph,
  type ValidateFlowGraphOptions,
  type FlowGraphAnalysis,
} from './validation/validate-flow-graph';
export { BLOCKING_PROBLEMS, type FlowProblem, type FlowProblemCode } from './validation/flow-problem';
export { startFlow, type StartFlowOptions, type OpeningTemplateMessage } from './interpreter/start-flow';
export { resumeFlow } from './interpreter/resume-flow';
export type { Step } from './interpreter/step';
