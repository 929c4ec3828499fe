import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import { fitToLimit, WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { minutesToMs } from '../timeout-minutes';
import { parseAnswer } from './parse-answer';
import type { QuestionNodeData } from './question-node-data';
import { DEFAULT_QUESTION_RETRIES, questionOutputs } from './question-outputs';

const DEFAULT_RETRY_PROMPTS: Record<QuestionNodeData['validation'], string> = {
  text: 'Please type your answer.',
  number: 'Please answer with a number.',
  email: 'Please enter a valid email address, like name@example.com.',
  phone: 'Please enter a valid phone number, digits only, with the country code.',
  choice: 'Please answer with one of the options.',
};

/**
 * A valid answer is saved and takes `answered`. An invalid one re-prompts (the customer just
 * wrote, so the window is open) until `maxRetries` re-prompts are spent, then takes `invalid`.
 */
export function resumeQuestionNode(ctx: NodeContext<QuestionNodeData>, event: NodeEvent): NodeResult {
  if (event.type !== 'reply')
    return { then: { kind: 'next', output: questionOutputs.timeout, reason: 'timeout' } };
  const answer = parseAnswer(ctx.data, event.text);
  if (answer.ok) {
    return {
      variables: { [ctx.data.variable]: answer.value },
      then: { kind: 'next', output: questionOutputs.answered },
    };
  }
  if (ctx.state.retries >= (ctx.data.maxRetries ?? DEFAULT_QUESTION_RETRIES)) {
    return {
      actions: [
        { type: 'log', nodeId: ctx.nodeId, level: 'info', message: 'No valid answer after all retries.' },
      ],
      then: { kind: 'next', output: questionOutputs.invalid, reason: 'invalid_answer' },
    };
  }
  const retryPrompt = renderTemplate(
    ctx.data.retryPrompt ?? DEFAULT_RETRY_PROMPTS[ctx.data.validation],
    ctx.state.variables,
  );
  return {
    actions: [
      {
        type: 'send',
        nodeId: ctx.nodeId,
        message: { kind: 'text', body: fitToLimit(retryPrompt, WHATSAPP_LIMITS.textBody) },
      },
    ],
    then: {
      kind: 'wait',
      wait: { kind: 'reply', timeoutMs: minutesToMs(ctx.data.timeoutMinutes) },
      retries: ctx.state.retries + 1,
    },
  };
}
