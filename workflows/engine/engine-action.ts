/**
 * What the engine and the workflow tell each other: the actions a step asks for (sends, effects,
 * status changes, logs), the messages it sends within WhatsApp's limits, the events that resume a run,
 * and the shape checks of effect results.
 */
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

/**
 * What the workflow feeds into `resumeFlow`. Every event carries `at` (epoch ms, the workflow's
 * deterministic clock) because the engine itself never reads the time.
 */
export type FlowEvent =
  | CustomerMessageEvent
  | TimerFiredEvent
  | EffectResultEvent
  | { type: 'agent_takeover'; at: number; agentId?: string }
  | { type: 'agent_release'; at: number }
  | { type: 'stop'; at: number; reason?: string };

/** A customer's WhatsApp message. The workflow deduplicates by `messageId` before it gets here. */
export interface CustomerMessageEvent {
  type: 'customer_message';
  messageId: string;
  text: string;
  /** The id of the button or list row the customer tapped (`button_reply.id` / `list_reply.id`). */
  payload?: string;
  at: number;
}

/** A durable timer the engine asked for (`WaitSpec.timerId`) has fired. */
export interface TimerFiredEvent {
  type: 'timer_fired';
  timerId: string;
  at: number;
}

/**
 * The answer to an `effect` action. `value` is what the activity returned: see the effect value
 * schemas in `engine-action.ts`. `ok: false` means the effect failed in an expected way (HTTP
 * timeout, LLM not configured); the node takes its failure output.
 */
export type EffectResultEvent =
  | { type: 'effect_result'; effectId: string; ok: true; value: unknown; at: number }
  | { type: 'effect_result'; effectId: string; ok: false; error: string; at: number };

/**
 * What a flow asks to send to a customer. The engine produces these (after `{{variable}}` templating);
 * the `sendWhatsAppMessage` activity turns them into Graph API requests. Shared by both sides so the
 * compiler checks the hand-off.
 */
export type OutgoingMessage =
  | { kind: 'text'; body: string; previewUrl?: boolean }
  | {
      kind: 'media';
      mediaType: 'image' | 'video' | 'document' | 'audio';
      link: string;
      caption?: string;
      filename?: string;
    }
  | {
      kind: 'buttons';
      body: string;
      header?: string;
      footer?: string;
      /** At most 3; `id` is what comes back in the customer's button_reply. */
      buttons: { id: string; title: string }[];
    }
  | {
      kind: 'list';
      body: string;
      header?: string;
      footer?: string;
      buttonLabel: string;
      sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
    }
  | {
      kind: 'template';
      name: string;
      language: string;
      /** Body `{{1}}…{{n}}` parameters, in order. */
      bodyParams: string[];
      headerParams?: string[];
      /** Quick-reply button payloads or the authentication code, by button index. */
      buttonParams?: { index: number; subType: 'quick_reply' | 'url' | 'copy_code'; value: string }[];
    };

/** The kinds WhatsApp lets a business send outside the 24-hour customer-service window. */
export function isAllowedOutsideWindow(message: OutgoingMessage): boolean {
  return message.kind === 'template';
}

/**
 * WhatsApp Cloud API limits the engine enforces (shared/docs/whatsapp-cloud-api.md). The node
 * schemas use them so that the validator, the AI generator's schema and the runtime agree.
 */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  mediaCaption: 1024,
  interactiveBody: 1024,
  headerFooter: 60,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  listSections: 10,
  listRowTitle: 24,
  listRowDescription: 72,
  listButtonLabel: 20,
  listSectionTitle: 24,
} as const;

/**
 * Cuts rendered text to a WhatsApp limit. Templating can make a valid node's text too long at run
 * time; a shortened message beats one the Graph API rejects as a non-retryable error.
 */
export function fitToLimit(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
