import { isWindowOpen } from '../../flow-state';
import type { NodeContext, NodeEvent, NodeResult, NodeRuntime } from '../../node-runtime';
import { minutesToMs, sendText, takeWindowClosedOutput } from '../../node-runtime';
import { renderTemplate } from '../../variables';
import type { QuestionNodeData } from './question-node';

export type QuestionPort = 'answered' | 'invalid' | 'timeout';
type Context = NodeContext<QuestionNodeData, QuestionPort>;

const DEFAULT_QUESTION_RETRIES = 2;

const DEFAULT_RETRY_PROMPTS: Record<QuestionNodeData['validation'], string> = {
  text: 'Please type your answer.',
  number: 'Please answer with a number.',
  email: 'Please enter a valid email address, like name@example.com.',
  phone: 'Please enter a valid phone number, digits only, with the country code.',
  choice: 'Please answer with one of the options.',
};

/** `question` at run time: asks, then saves a valid answer, re-prompts or times out. */
export const questionNodeRuntime: NodeRuntime<QuestionNodeData, QuestionPort> = {
  ports: () => ['answered', 'invalid', 'timeout'],
  failurePorts: ['invalid', 'timeout'],
  execute: executeQuestionNode,
  resume: resumeQuestionNode,
};

/**
 * Sends the prompt (if any) and waits for the answer. A question without a prompt only waits,
 * which is how a flow listens for the answer to a template while the window is still closed.
 */
function executeQuestionNode(ctx: Context): NodeResult<QuestionPort> {
  const wait = { kind: 'reply', timeoutMs: minutesToMs(ctx.data.timeoutMinutes) } as const;
  const prompt = ctx.data.prompt ? renderTemplate(ctx.data.prompt, ctx.state.variables) : '';
  if (prompt === '') return { then: { wait } };
  if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, 'timeout');
  return { actions: [sendText(ctx.nodeId, prompt)], then: { wait } };
}

/**
 * A valid answer is saved and takes `answered`. An invalid one re-prompts (the customer just
 * wrote, so the window is open) until `maxRetries` re-prompts are spent, then takes `invalid`.
 */
function resumeQuestionNode(ctx: Context, event: NodeEvent): NodeResult<QuestionPort> {
  if (event.type !== 'reply') return { then: { next: 'timeout', reason: 'timeout' } };
  const answer = parseAnswer(ctx.data, event.text);
  if (answer.ok) return { variables: { [ctx.data.variable]: answer.value }, then: { next: 'answered' } };
  if (ctx.state.retries >= (ctx.data.maxRetries ?? DEFAULT_QUESTION_RETRIES)) {
    return {
      actions: [
        { type: 'log', nodeId: ctx.nodeId, level: 'info', message: 'No valid answer after all retries.' },
      ],
      then: { next: 'invalid', reason: 'invalid_answer' },
    };
  }
  const retryPrompt = renderTemplate(
    ctx.data.retryPrompt ?? DEFAULT_RETRY_PROMPTS[ctx.data.validation],
    ctx.state.variables,
  );
  return {
    actions: [sendText(ctx.nodeId, retryPrompt)],
    then: {
      wait: { kind: 'reply', timeoutMs: minutesToMs(ctx.data.timeoutMinutes) },
      retries: ctx.state.retries + 1,
    },
  };
}

export type ParsedAnswer = { ok: true; value: string | number } | { ok: false };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?\d{7,15}$/;

/** Checks a customer's answer against the question's validation and returns the value to save. */
export function parseAnswer(
  data: Pick<QuestionNodeData, 'validation' | 'choices'>,
  text: string,
): ParsedAnswer {
  const answer = text.trim();
  if (answer === '') return { ok: false };
  switch (data.validation) {
    case 'text':
      return { ok: true, value: answer };
    case 'number': {
      // "1,5" is how half of our customers write 1.5; thousands separators are not accepted.
      const normalised = /^-?\d+,\d+$/.test(answer) ? answer.replace(',', '.') : answer;
      const value = Number(normalised);
      return /^-?(\d+\.?\d*|\.\d+)$/.test(normalised) && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false };
    }
    case 'email':
      return EMAIL.test(answer) ? { ok: true, value: answer } : { ok: false };
    case 'phone': {
      const compact = answer.replace(/[\s().-]/g, '');
      return PHONE.test(compact) ? { ok: true, value: compact } : { ok: false };
    }
    case 'choice': {
      const choices = data.choices ?? [];
      const byText = choices.find((choice) => choice.trim().toLowerCase() === answer.toLowerCase());
      if (byText !== undefined) return { ok: true, value: byText };
      const byNumber = /^\d+$/.test(answer) ? choices[Number(answer) - 1] : undefined;
      return byNumber !== undefined ? { ok: true, value: byNumber } : { ok: false };
    }
  }
}
