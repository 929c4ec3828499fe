import type { AuthMethod } from '../routing/route-definition';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { SIGNATURE_TIMESTAMP_HEADER, SIGNATURE_TOLERANCE_SECONDS } from '../auth/signature-timestamp';

/** An OpenAPI 3.1 security scheme (the subset FlowBot uses). */
export type SecurityScheme =
  | { type: 'http'; scheme: 'bearer'; bearerFormat?: string; description: string }
  | { type: 'apiKey'; in: 'cookie' | 'header'; name: string; description: string };

/** Credentials a caller can present, one scheme per route auth method but `none`. */
export const SECURITY_SCHEMES = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie (a JWT) set by `POST /api/auth/login`.',
  },
  bearerJwt: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An API JWT from `POST /api/auth/api-token` (client credentials from Settings → API Access), or a session JWT.',
  },
  flowOutboundToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      "Legacy per-flow auth: the flow's outbound token, sent as `Authorization: Bearer <token>`; valid for that flow's triggers only.",
  },
  hmacSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Signature-256',
    description: `Hex HMAC-SHA256 of the exact raw request body, keyed with the flow's HMAC secret (a \`sha256=\` prefix is accepted). With the header \`${SIGNATURE_TIMESTAMP_HEADER}: <Unix seconds>\`, the HMAC of \`<timestamp>.<raw body>\` instead: accepted once, within ${SIGNATURE_TOLERANCE_SECONDS} seconds of the server's clock (recommended: a signature of the body alone can be replayed). Headers are not covered: \`X-Replace-Active: true\` is refused on signed requests.`,
  },
} as const satisfies Record<string, SecurityScheme>;

export type SecuritySchemeName = keyof typeof SECURITY_SCHEMES;

const SCHEME_OF: Record<Exclude<AuthMethod, 'none'>, SecuritySchemeName> = {
  cookie: 'sessionCookie',
  bearer: 'bearerJwt',
  flowToken: 'flowOutboundToken',
  hmac: 'hmacSignature',
};

/**
 * The OpenAPI `security` of a route: one alternative per accepted method; `none` adds the empty
 * requirement, which OpenAPI reads as "may also be called without credentials".
 */
export function toSecurityRequirements(auth: readonly AuthMethod[]): Record<string, string[]>[] {
  return auth.map((method) => (method === 'none' ? {} : { [SCHEME_OF[method]]: [] }));
}
