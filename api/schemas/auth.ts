/** Bodies of the auth routes (`/api/auth/…`), exactly as the published API documents them. */
import { z } from 'zod';

/** `POST /api/auth/login`. */
export const loginBodySchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

/** The public part of a user: `{"user": {...}}` of login and me. */
export const publicUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(['admin', 'user']),
});

/** `POST /api/auth/login` and `GET /api/auth/me`. */
export const userResponseSchema = z.object({ user: publicUserSchema });

export const userResponseExample = {
  user: {
    id: 'uuid',
    username: 'your_username',
    displayName: 'Your Name',
    email: '[email protected]',
    role: 'user',
  },
};

/** Smallest and largest lifetime of an API token, in seconds. */
export const API_TOKEN_TTL = { min: 60, max: 86_400, default: 3600 } as const;

/** `POST /api/auth/api-token`. */
export const apiTokenBodySchema = z.object({
  clientId: z.string().min(1).max(200),
  apiKey: z.string().min(1).max(512),
  ttlSec: z
    .number()
    .int()
    .min(API_TOKEN_TTL.min, {
      error: `must be between ${API_TOKEN_TTL.min} and ${API_TOKEN_TTL.max} seconds`,
    })
    .max(API_TOKEN_TTL.max, {
      error: `must be between ${API_TOKEN_TTL.min} and ${API_TOKEN_TTL.max} seconds`,
    })
    .default(API_TOKEN_TTL.default),
});

export const apiTokenResponseSchema = z.object({
  success: z.literal(true),
  tokenType: z.literal('Bearer'),
  accessToken: z.string(),
  expiresInSec: z.number().int(),
  /** The user id the token acts for. */
  clientNumber: z.string(),
  clientId: z.string(),
});

export const apiTokenResponseExample = {
  success: true,
  tokenType: 'Bearer',
  accessToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
  expiresInSec: 3600,
  clientNumber: 'user-uuid',
  clientId: 'aiflow_....',
};

/** `POST /api/auth/logout`. */
export const logoutResponseSchema = z.object({ success: z.literal(true) });
