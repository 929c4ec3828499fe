import type { OutgoingMessage } from './outgoing-message';
import type { FlowStatus } from './flow-state';

/**
 * What a step asks the workflow to do, in order. The engine never sends, fetches or writes itself.
 */
export type EngineAction = SendAction | EffectAction | StatusAction | LogAction;

/** Send one WhatsApp message. Never a non-template while the customer window is closed. */
export interface SendAction {
  type: 'send';
  nodeId: string;
  message: OutgoingMessage;
}

/** Run an effect through an activity and feed back `effect_result` with the same `effectId`. */
export type EffectAction = { type: 'effect'; nodeId: string; effectId: string } & EffectRequest;

/** The run's status changed (handoff began or ended, or the run ended). */
export interface StatusAction {
  type: 'status';
  status: FlowStatus;
  reason?: string;
}

/** Something worth an audit line: an expected node failure, a skipped message. */
export interface LogAction {
  type: 'log';
  nodeId: string | null;
  level: 'info' | 'warn';
  message: string;
}

export type EffectRequest =
  | { kind: 'http_request'; request: HttpEffectRequest }
  | { kind: 'ai_reply'; request: AiReplyEffectRequest }
  | { kind: 'ai_router'; request: AiRouterEffectRequest };

export type EffectKind = EffectRequest['kind'];

/** A rendered HTTP request. The activity enforces its own size caps and address rules. */
export interface HttpEffectRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

/** One turn of the conversation so far, as an LLM chat message. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface AiReplyEffectRequest {
  systemPrompt: string;
  /** The bounded transcript, oldest first; the customer is `user`. */
  messages: ChatTurn[];
  model?: string;
  temperature?: number;
  maxTokens?: number;
}

export interface AiRouterEffectRequest {
  /** Extra guidance for the classifier, already rendered. */
  instructions: string;
  /** The text to classify (by default the customer's latest message). */
  input: string;
  intents: { name: string; description: string }[];
  messages: ChatTurn[];
  model?: string;
}

/*
 * Effect results come back from activities through the workflow, so the resumers check their shape
 * before use. Plain type guards rather than zod: this module is part of the workflow bundle.
 */

/** `value` of a successful http_request effect: status and body (parsed JSON, or text). */
export interface HttpEffectValue {
  status: number;
  body: unknown;
}

/** `value` of a successful ai_reply effect. */
export interface AiReplyEffectValue {
  text: string;
}

/** `value` of a successful ai_router effect: the chosen intent name, or null when none fits. */
export interface AiRouterEffectValue {
  intent: string | null;
}

/** Whether `value` is an HttpEffectValue (a finite numeric status; any body). */
export function isHttpEffectValue(value: unknown): value is HttpEffectValue {
  return isPlainObject(value) && typeof value.status === 'number' && Number.isFinite(value.status);
}

/** Whether `value` is an AiReplyEffectValue. */
export function isAiReplyEffectValue(value: unknown): value is AiReplyEffectValue {
  return isPlainObject(value) && typeof value.text === 'string';
}

/** Whether `value` is an AiRouterEffectValue (`intent` present: a string or null). */
export function isAiRouterEffectValue(value: unknown): value is AiRouterEffectValue {
  return isPlainObject(value) && (value.intent === null || typeof value.intent === 'string');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
