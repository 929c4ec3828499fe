/**
 * The LLM activities behind the ai_reply and ai_router nodes, through the `openai` package so any
 * OpenAI-compatible server works (OPENAI_BASE_URL). The SDK's own retries are off: Temporal retries.
 */
import { Context, log } from '@temporalio/activity';
import OpenAI from 'openai';
import type {
  AiReplyEffectRequest,
  AiReplyEffectValue,
  AiRouterEffectRequest,
  AiRouterEffectValue,
} from '../workflows/engine/engine-action';
import { chooseAiIntent } from './llm/choose-ai-intent';
import { generateAiReply } from './llm/generate-ai-reply';
import { createLlmNotConfiguredFailure, toLlmFailure } from './llm/llm-failure';

export interface LlmOptions {
  /** Undefined: AI nodes fail at once with `LlmNotConfigured`. */
  apiKey: string | undefined;
  /** e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Used when a node names no model. */
  model: string;
  /** Deadline for one request. */
  timeoutMs: number;
}

/** Creates the `generateAiReply` and `chooseAiIntent` activities. */
export function createLlmActivities(options: LlmOptions) {
  const client = options.apiKey
    ? new OpenAI({
        apiKey: options.apiKey,
        baseURL: options.baseUrl,
        timeout: options.timeoutMs,
        maxRetries: 0,
      })
    : undefined;

  const requireClient = (): OpenAI => {
    if (!client) throw createLlmNotConfiguredFailure();
    return client;
  };

  return {
    /** ai_reply: the model's next message. Throws typed `ApplicationFailure`s (see llm-failure.ts). */
    async generateAiReply(request: AiReplyEffectRequest): Promise<AiReplyEffectValue> {
      const openai = requireClient();
      try {
        const reply = await generateAiReply(
          openai,
          options.model,
          request,
          Context.current().cancellationSignal,
        );
        log.info('AI reply generated', { model: request.model ?? options.model, chars: reply.text.length });
        return reply;
      } catch (error) {
        throw toLlmFailure(error);
      }
    },

    /** ai_router: the chosen intent, or `intent: null` when none fits or the answer was unusable. */
    async chooseAiIntent(request: AiRouterEffectRequest): Promise<AiRouterEffectValue> {
      const openai = requireClient();
      try {
        const { intent, readVia } = await chooseAiIntent(
          openai,
          options.model,
          request,
          Context.current().cancellationSignal,
        );
        const level = readVia === 'fallback' ? 'warn' : 'info';
        log[level]('AI router chose an intent', { intent, readVia, intents: request.intents.length });
        return { intent };
      } catch (error) {
        throw toLlmFailure(error);
      }
    },
  };
}
