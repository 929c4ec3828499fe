import { z } from 'zod';

/** The optional `timeoutMinutes` field of nodes that wait for a person. */
export const timeoutMinutesSchema = z
  .number()
  .positive('The timeout must be more than 0 minutes.')
  .optional()
  .describe('Minutes to wait before taking the timeout output; no timeout when left out.');
