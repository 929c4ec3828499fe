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
