/** Bodies of the system routes (health) and the error body every route may answer. */
import { z } from 'zod';

/** `{"error": "Human-readable error message"}`: every 4xx/5xx answer. */
export const errorResponseSchema = z.object({ error: z.string() });

/** `GET /healthz`. */
export const livenessResponseSchema = z.object({ status: z.literal('ok') });

/** `GET /readyz`. */
export const readinessResponseSchema = z.object({ status: z.literal('ready') });
