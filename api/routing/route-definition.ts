import type { Middleware, ParameterizedContext } from 'koa';
import type { z } from 'zod';
import type { AppState } from '../app-state';
import type { Principal } from '../auth/principal';

/** How a caller may authenticate on a route (the OpenAPI security schemes of issue 7). */
export type AuthMethod = 'cookie' | 'bearer' | 'flowToken' | 'hmac' | 'none';

/** The domain a route belongs to: its OpenAPI tag and its group in the docs. */
export type RouteTag =
  | 'auth'
  | 'api-access'
  | 'integration'
  | 'event-webhooks'
  | 'flows'
  | 'template-groups'
  | 'contacts'
  | 'campaigns'
  | 'conversations'
  | 'whatsapp'
  | 'admin'
  | 'system';

/** The methods a route may declare. */
export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One documented response of a route. */
export interface RouteResponse {
  description: string;
  /** Shape of the body; omit for empty responses (204). */
  schema?: z.ZodType;
  /** Example body, taken from the published contract where it has one. */
  example?: unknown;
  /** Default `application/json`. */
  contentType?: string;
}

/** A person resolved from a session cookie or a Bearer JWT. */
export interface UserAuth {
  kind: 'user';
  /** Where the credential came from. */
  method: 'cookie' | 'bearer';
  /** `session` (login) or `api` (exchanged client credentials). */
  tokenType: 'session' | 'api';
  user: Principal;
}

/**
 * A per-flow credential that was presented but not yet checked: which flow it must match is only
 * known to the handler (path or body). Check it with `authorizeFlowAccess` (api/auth).
 */
export interface FlowCredentialAuth {
  kind: 'flowCredential';
  /** `Authorization: Bearer <token>` that is not a JWT. */
  flowToken?: string;
  /** The `X-Signature-256` header as sent. */
  signature?: string;
  /** The `X-Signature-Timestamp` header as sent, when `signature` is and it is not empty. */
  signatureTimestamp?: string;
}

/** No credential, on a route that lists `'none'`. */
export interface AnonymousAuth {
  kind: 'none';
}

export type RequestAuth = UserAuth | FlowCredentialAuth | AnonymousAuth;

/** Routes that only accept cookie/bearer always have a user; the others must narrow on `kind`. */
export type AuthFor<A extends readonly AuthMethod[]> = [Exclude<A[number], 'cookie' | 'bearer'>] extends [
  never,
]
  ? UserAuth
  : RequestAuth;

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives besides the Koa context: validated input and the caller. */
export interface RouteInput<P, Q, B, A extends readonly AuthMethod[]> {
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
  auth: AuthFor<A>;
}

export type RouteContext = ParameterizedContext<AppState>;

/**
 * A route, declared once: what it does (for the API reference), who may call it, what it accepts
 * (validated before the handler runs) and what it answers.
 */
export interface RouteDefinition<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  A extends readonly AuthMethod[] = readonly AuthMethod[],
> {
  method: HttpMethod;
  /** OpenAPI style: `/api/flows/{id}`. */
  path: string;
  tag: RouteTag;
  summary: string;
  description?: string;
  /** Accepted credentials, tried in the order Authorization header → X-Signature-256 → cookie. */
  auth: A;
  /** `admin`: only admins (403 for others). */
  role?: 'admin';
  request?: {
    params?: P;
    query?: Q;
    body?: B;
    /** Default `application/json`; `multipart/form-data` and `text/csv` bodies are read by `middleware`. */
    bodyContentType?: 'application/json' | 'multipart/form-data' | 'text/csv';
  };
  responses: Record<number, RouteResponse>;
  /** Runs after authentication and before validation (e.g. a multipart parser). */
  middleware?: Middleware<AppState>[];
  /** Sets `ctx.status` / `ctx.body`; throws typed errors from api/errors. */
  handler: (ctx: RouteContext, input: RouteInput<P, Q, B, A>) => Promise<void> | void;
}

/** Any route, for catalogues and routers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteDefinition = RouteDefinition<any, any, any, any>;
