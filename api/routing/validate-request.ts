import type { z } from 'zod';
import { BadRequestError, UnsupportedMediaTypeError } from '../errors';
import type { AnyRouteDefinition, RouteContext } from './route-definition';

/** Validated parts of a request; parts without a schema are undefined. */
export interface ValidatedRequest {
  params: unknown;
  query: unknown;
  body: unknown;
}

/**
 * Validates params, query and body against the route's schemas, all three at once, so that one
 * 400 names every failing field: `{"error": "name: Required; query.limit: Too big"}`.
 * Body fields are named by their path (`templates.0.name`), params and query fields are prefixed.
 */
export function validateRequest(ctx: RouteContext, route: AnyRouteDefinition): ValidatedRequest {
  const request = route.request ?? {};
  if (request.body && (request.bodyContentType ?? 'application/json') === 'application/json') {
    requireJsonBody(ctx);
  }
  const problems: string[] = [];
  const parse = (schema: z.ZodType | undefined, value: unknown, prefix: string) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      problems.push(`${field || 'body'}: ${issue.message}`);
    }
    return undefined;
  };
  const validated = {
    params: parse(request.params, ctx.params ?? {}, 'params'),
    query: parse(request.query, ctx.query, 'query'),
    body: parse(request.body, hasBody(ctx) ? ctx.request.body : undefined, ''),
  };
  if (problems.length > 0) throw new BadRequestError(problems.join('; '));
  return validated;
}

function hasBody(ctx: RouteContext): boolean {
  return (ctx.request.length ?? 0) > 0 || ctx.get('Transfer-Encoding') !== '';
}

function requireJsonBody(ctx: RouteContext): void {
  if (hasBody(ctx) && !ctx.is('application/json', '+json')) {
    throw new UnsupportedMediaTypeError('Send the request body as application/json');
  }
}
