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
