/** Bodies of the system routes (health) and the error body every route may answer. */
import { z } from 'zod';

/** `{"error": "Human-readable error message"}`: every 4xx/5xx answer. */
export const errorResponseSchema = z.object({ error: z.string() });

/** A documented error response of a route: `{"error": example}` with its description. */
export function errorResponse(description: string, example: string) {
  return { description, schema: errorResponseSchema, example: { error: example } };
}

/** `GET /healthz`. */
export const livenessResponseSchema = z.object({ status: z.literal('ok') });

/** `GET /readyz`. */
export const readinessResponseSchema = z.object({ status: z.literal('ready') });
