import type { QuestionNodeData } from './question-node-data';

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
