import type { z } from 'zod';

/**
 * Plain-language messages for the zod issues our schemas do not word themselves (their own
 * `.max(…, 'message')` texts win over this map).
 */
export const readableZodErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined) return 'This field is required.';
  switch (issue.code) {
    case 'invalid_type':
      return `Expected ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}.`;
    case 'invalid_value':
      return `Must be one of: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`;
    case 'too_small':
      return issue.origin === 'array'
        ? `Needs at least ${issue.minimum} item(s).`
        : `Must be at least ${issue.minimum}.`;
    case 'too_big':
      return issue.origin === 'array'
        ? `Can have at most ${issue.maximum} item(s).`
        : `Must be at most ${issue.maximum}.`;
    default:
      return undefined;
  }
};
