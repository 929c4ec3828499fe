/** One structured-output request for a compact graph, with the repair turns so far. */
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CallFlowModelInput, ExtractedDocument } from '../../workflows/generate-flow-definitions';
import { createLlmNoAnswerFailure } from '../llm/llm-failure';
import { compactGraphSchema } from './compact-graph-schema';
import { buildFlowRequestContent, buildFlowSystemPrompt, buildRepairRequest } from './flow-model-prompt';
import { toStrictJsonSchema } from './strict-json-schema';

/** The `response_format` of every generation request; built once, it never changes at run time. */
export const flowResponseFormat = {
  type: 'json_schema',
  json_schema: { name: 'flow_graph', strict: true, schema: toStrictJsonSchema(compactGraphSchema) },
} as const;

/** Everything a request needs besides the client. */
export interface FlowModelRequest extends Omit<CallFlowModelInput, 'image' | 'document'> {
  model: string;
  document?: ExtractedDocument;
  /** `data:image/png;base64,…` of the attached image. */
  imageDataUrl?: string;
}

/**
 * Asks the model for a flow and returns its answer (JSON text, not yet checked).
 * @throws ApplicationFailure `LlmNoAnswer` when the model refuses, answers nothing or is cut off; client errors as-is.
 */
export async function callFlowModel(
  client: OpenAI,
  request: FlowModelRequest,
  signal?: AbortSignal,
): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: buildFlowSystemPrompt() },
    {
      role: 'user',
      content: buildFlowRequestContent(request.prompt, request.document, request.imageDataUrl),
    },
  ];
  for (const repair of request.repairs) {
    messages.push({ role: 'assistant', content: repair.answer });
    messages.push({ role: 'user', content: buildRepairRequest(repair.problems) });
  }
  const completion = await client.chat.completions.create(
    { model: request.model, messages, response_format: flowResponseFormat },
    { signal },
  );
  const choice = completion.choices[0];
  if (choice?.message.refusal) throw createLlmNoAnswerFailure(`The model refused: ${choice.message.refusal}`);
  if (choice?.finish_reason === 'length') {
    throw createLlmNoAnswerFailure(
      'The model’s answer was cut off at its length limit; ask for a smaller flow',
    );
  }
  const answer = choice?.message.content?.trim();
  if (!answer) throw createLlmNoAnswerFailure('The model returned an empty answer');
  return answer;
}
