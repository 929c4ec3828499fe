import type { Middleware } from 'koa';
import { z } from 'zod';
import { HttpError, MethodNotAllowedError, TooManyRequestsError } from '../errors';
import type { AppState } from '../app-state';

/** Shape of errors thrown by koa-body's parsers (co-body / raw-body) and by `ctx.throw`. */
interface StatusError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  message: string;
}

// Messages for parser failures: their own texts mention internals ("Unexpected token ...").
const BODY_ERRORS: Record<string, [number, string]> = {
  'entity.parse.failed': [400, 'Request body is not valid JSON'],
  'entity.too.large': [413, 'Request body is too large'],
  'entity.verify.failed': [400, 'Request body could not be verified'],
  'encoding.unsupported': [415, 'Unsupported content encoding'],
  'charset.unsupported': [415, 'Unsupported charset'],
  'request.aborted': [400, 'Request was aborted'],
  'request.size.invalid': [400, 'Request size did not match Content-Length'],
};

/**
 * The one error middleware, first in the chain: every thrown error becomes `{"error": "..."}`.
 * HttpError subclasses keep their status and message; zod errors become 400 with the failing
 * fields; body-parser failures become 400/413/415; anything else is logged and answered as a
 * plain 500 so that no stack trace or internal detail reaches the caller.
 */
export function handleErrors(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const [status, message] = describeError(error);
      if (status >= 500) {
        ctx.state.logger.error({ err: error }, 'request failed');
      }
      if (error instanceof TooManyRequestsError && error.retryAfterSeconds !== undefined) {
        ctx.set('Retry-After', String(Math.ceil(error.retryAfterSeconds)));
      }
      if (error instanceof MethodNotAllowedError) ctx.set('Allow', error.allowedMethods.join(', '));
      ctx.status = status;
      ctx.body =
        error instanceof HttpError && error.fields ? { error: message, ...error.fields } : { error: message };
    }
  };
}

function describeError(error: unknown): [number, string] {
  if (error instanceof HttpError) return [error.status, error.message];
  if (error instanceof z.ZodError) {
    const details = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    return [400, details.join('; ')];
  }
  const candidate = (error ?? {}) as StatusError;
  if (candidate.type && BODY_ERRORS[candidate.type]) return BODY_ERRORS[candidate.type];
  const status = candidate.status ?? candidate.statusCode;
  // co-body rethrows JSON.parse's SyntaxError with status 400 but without a type.
  if (error instanceof SyntaxError && status === 400) return BODY_ERRORS['entity.parse.failed'];
  // http-errors from ctx.throw(4xx, ...) are meant to be shown; 5xx never are.
  if (typeof status === 'number' && status >= 400 && status < 500 && candidate.expose) {
    return [status, candidate.message];
  }
  if (status === 503) return [503, 'Service unavailable'];
  return [500, 'Internal server error'];
}
