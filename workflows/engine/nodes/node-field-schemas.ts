import { z } from 'zod';
import { VARIABLE_NAME_PATTERN } from '../variables';

/** Fields several node types share, described once. */

/** The optional `timeoutMinutes` field of nodes that wait for a person. */
export const timeoutMinutesSchema = z
  .number()
  .positive('The timeout must be more than 0 minutes.')
  .optional()
  .describe('Minutes to wait before taking the timeout output; no timeout when left out.');

/** A variable a node writes: letters, digits and underscores (see VARIABLE_NAME_PATTERN). */
export const variableNameSchema = z
  .string()
  .regex(VARIABLE_NAME_PATTERN, 'A variable name has letters, digits and underscores only.');

/** The last fields of a choice node (buttons, list): where the answer goes, and how long to wait for it. */
export function choiceAnswerFields(choice: 'button' | 'row') {
  return {
    variable: variableNameSchema
      .optional()
      .describe(`Variable that receives the chosen ${choice} title (or the free text for "other").`),
    timeoutMinutes: timeoutMinutesSchema,
  };
}
