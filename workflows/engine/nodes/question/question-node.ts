import { z } from 'zod';
import { timeoutMinutesSchema, variableNameSchema } from '../node-field-schemas';
import type { DataProblem, NodeDefinition } from '../../node-definition';
import { WHATSAPP_LIMITS } from '../../engine-action';
import type { QuestionPort } from './question-node-runtime';

export const questionNodeDataSchema = z.object({
  prompt: z
    .string()
    .max(WHATSAPP_LIMITS.textBody, `A WhatsApp text can have at most ${WHATSAPP_LIMITS.textBody} characters.`)
    .optional()
    .describe('The question to send; leave it out to only wait (e.g. right after a template that asks it).'),
  variable: variableNameSchema.describe('Variable that receives the valid answer.'),
  validation: z
    .enum(['text', 'number', 'email', 'phone', 'choice'])
    .describe('What a valid answer is. `number` is saved as a number; `choice` as the matching choice.'),
  choices: z
    .array(z.string().min(1, 'A choice is empty.'))
    .optional()
    .describe('For `choice`: the accepted answers (matched ignoring case, or by their number 1…n).'),
  retryPrompt: z
    .string()
    .max(WHATSAPP_LIMITS.textBody)
    .optional()
    .describe('Sent after an invalid answer; a sensible default per validation when left out.'),
  maxRetries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .optional()
    .describe('How many times to ask again after invalid answers before taking `invalid` (default 2).'),
  timeoutMinutes: timeoutMinutesSchema,
});
export type QuestionNodeData = z.infer<typeof questionNodeDataSchema>;

/** `question`: asks, validates, saves the answer, re-prompts, times out. */
export const questionNode: NodeDefinition<QuestionNodeData, QuestionPort> = {
  title: 'Question',
  summary:
    'Asks a question, validates the answer (text/number/email/phone/choice) and saves it to a variable.',
  dataSchema: questionNodeDataSchema,
  ports: {
    answered: 'a valid answer was saved to the variable',
    invalid: 'still no valid answer after the retries',
    timeout:
      'no answer before the timeout or the end of the 24-hour window, or the window was closed for the prompt',
  },
  preview: (data) => data.prompt ?? `→ {{${data.variable}}}`,
  openingRole: (data) => (data.prompt ? 'session_message' : 'awaits_reply'),
  // A prompt cannot be sent with the window closed: `timeout` is taken at once. Without one it only waits.
  portsWithoutWaiting: (data, window) => (data.prompt && window === 'closed' ? ['timeout'] : []),
  validate: validateQuestionData,
};

function validateQuestionData(data: QuestionNodeData): DataProblem[] {
  if (data.validation === 'choice' && (data.choices ?? []).length === 0) {
    return [{ path: ['choices'], message: 'A choice question needs at least one choice.' }];
  }
  return [];
}
