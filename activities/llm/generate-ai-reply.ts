/** The ai_reply node's call: one chat completion from the system prompt and the transcript. */
import type OpenAI from 'openai';
import type { AiReplyEffectRequest, AiReplyEffectValue } from '../../workflows/engine/engine-action';
import { createLlmNoAnswerFailure } from './llm-failure';

/**
 * Asks the model for the next assistant message. The system prompt arrives already rendered with the
 * flow's variables; `messages` is the bounded transcript with the customer as `user`.
 * @throws ApplicationFailure `LlmNoAnswer` when the model refuses or returns no text; client errors as-is.
 */
export async function generateAiReply(
  client: OpenAI,
  defaultModel: string,
  request: AiReplyEffectRequest,
  signal?: AbortSignal,
): Promise<AiReplyEffectValue> {
  const completion = await client.chat.completions.create(
    {
      model: request.model ?? defaultModel,
      messages: [{ role: 'system', content: request.systemPrompt }, ...request.messages],
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.maxTokens === undefined ? {} : { max_completion_tokens: request.maxTokens }),
    },
    { signal },
  );
  const message = completion.choices[0]?.message;
  if (message?.refusal) throw createLlmNoAnswerFailure(`The model refused: ${message.refusal}`);
  const text = message?.content?.trim();
  if (!text) throw createLlmNoAnswerFailure('The model returned an empty reply');
  return { text };
}
