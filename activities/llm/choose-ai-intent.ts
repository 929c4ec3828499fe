/** The ai_router node's call: the model picks one of N intents through a JSON-schema answer. */
import { zodResponseFormat } from 'openai/helpers/zod';
import type OpenAI from 'openai';
import { z } from 'zod';
import type { AiRouterEffectRequest, AiRouterEffectValue } from '../../workflows/engine/engine-action';

/** What the model answers when no intent fits; never a valid intent name. */
export const noIntentChoice = '__none__';

/** What {@link chooseAiIntent} decided and why, for the activity's log. */
export interface AiIntentChoice extends AiRouterEffectValue {
  /** How the answer was read: the schema, a bare intent name, or not at all (fallback). */
  readVia: 'schema' | 'plain-text' | 'fallback';
}

/**
 * Asks the model which intent the customer's input expresses. The answer is validated against the
 * intent names; anything else — an unknown name, prose, broken JSON, a refusal — yields `intent: null`
 * so the engine takes the fallback output. Client errors propagate.
 */
export async function chooseAiIntent(
  client: OpenAI,
  defaultModel: string,
  request: AiRouterEffectRequest,
  signal?: AbortSignal,
): Promise<AiIntentChoice> {
  const names = [...new Set(request.intents.map((intent) => intent.name))];
  if (names.length === 0) return { intent: null, readVia: 'fallback' };
  const answerSchema = z.object({ intent: z.enum([names[0], ...names.slice(1), noIntentChoice]) });

  const completion = await client.chat.completions.create(
    {
      model: request.model ?? defaultModel,
      temperature: 0,
      messages: [
        { role: 'system', content: buildRouterPrompt(request) },
        ...request.messages,
        { role: 'user', content: request.input },
      ],
      response_format: zodResponseFormat(answerSchema, 'intent_choice'),
    },
    { signal },
  );
  const content = completion.choices[0]?.message?.content?.trim() ?? '';
  const parsed = answerSchema.safeParse(parseJson(content));
  if (parsed.success) {
    return { intent: parsed.data.intent === noIntentChoice ? null : parsed.data.intent, readVia: 'schema' };
  }
  // OpenAI-compatible servers without structured output often answer with the bare name.
  const bare = content.replace(/^["'`]+|["'`.]+$/g, '');
  const named = names.find((name) => name.toLowerCase() === bare.toLowerCase());
  return named ? { intent: named, readVia: 'plain-text' } : { intent: null, readVia: 'fallback' };
}

function buildRouterPrompt(request: AiRouterEffectRequest): string {
  const catalogue = request.intents.map((intent) => `- ${intent.name}: ${intent.description}`).join('\n');
  return [
    'You classify the latest customer message of a WhatsApp conversation into exactly one intent.',
    `Intents:\n${catalogue}`,
    `Answer "${noIntentChoice}" when no intent clearly fits.`,
    request.instructions.trim(),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
