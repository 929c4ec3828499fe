import type { z } from 'zod';
import { BadRequestError, UnsupportedMediaTypeError } from '../errors';
import { findMalformedText, MALFORMED_TEXT_MESSAGE } from './malformed-text';
import type { AnyRouteDefinition, RouteContext } from './route-definition';

/** Validated parts of a request; parts without a schema are undefined. */
export interface ValidatedRequest {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** One part of a request, its schema (if the route reads it) and how its fields are named. */
interface RequestPart {
  schema: z.ZodType | undefined;
  value: unknown;
  prefix: string;
}

/** At most this many malformed strings are named in one answer; a body may hold thousands. */
const MAX_TEXT_PROBLEMS = 10;

/**
 * Validates params, query and body against the route's schemas, all three at once, so that one
 * 400 names every failing field: `{"error": "name: Required; query.limit: Too big"}`.
 * Body fields are named by their path (`templates.0.name`), params and query fields are prefixed.
 *
 * First, every string of those parts (values and field names, however deep) must be text
 * PostgreSQL can store: no NUL, no unpaired UTF-16 surrogate (see ./malformed-text.ts). Checked
 * here, once for every route, because this is where each route declares what it reads; a part
 * without a schema is not read by the route (the WhatsApp webhook reads its body itself and
 * repairs such text instead of refusing a whole batch).
 */
export function validateRequest(ctx: RouteContext, route: AnyRouteDefinition): ValidatedRequest {
  const request = route.request ?? {};
  if (request.body && (request.bodyContentType ?? 'application/json') === 'application/json') {
    requireJsonBody(ctx);
  }
  const parts: Record<keyof ValidatedRequest, RequestPart> = {
    params: { schema: request.params, value: ctx.params ?? {}, prefix: 'params' },
    query: { schema: request.query, value: ctx.query, prefix: 'query' },
    body: { schema: request.body, value: hasBody(ctx) ? ctx.request.body : undefined, prefix: '' },
  };

  const textProblems = Object.values(parts).flatMap(({ schema, value, prefix }) =>
    schema ? describeMalformedText(value, prefix) : [],
  );
  if (textProblems.length > 0) {
    const shown = textProblems.slice(0, MAX_TEXT_PROBLEMS);
    if (textProblems.length > shown.length) shown.push(`and ${textProblems.length - shown.length} more`);
    throw new BadRequestError(shown.join('; '));
  }

  const problems: string[] = [];
  const parse = ({ schema, value, prefix }: RequestPart) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      problems.push(`${fieldName(prefix, issue.path.map(String))}: ${issue.message}`);
    }
    return undefined;
  };
  const validated = { params: parse(parts.params), query: parse(parts.query), body: parse(parts.body) };
  if (problems.length > 0) throw new BadRequestError(problems.join('; '));
  return validated;
}

function describeMalformedText(value: unknown, prefix: string): string[] {
  return findMalformedText(value).map(({ path, kind }) =>
    kind === 'value'
      ? `${fieldName(prefix, path)}: ${MALFORMED_TEXT_MESSAGE}`
      : `${fieldName(prefix, path)}: field names ${MALFORMED_TEXT_MESSAGE}`,
  );
}

function fieldName(prefix: string, path: readonly string[]): string {
  return [prefix, ...path].filter(Boolean).join('.') || 'body';
}

function hasBody(ctx: RouteContext): boolean {
  return (ctx.request.length ?? 0) > 0 || ctx.get('Transfer-Encoding') !== '';
}

function requireJsonBody(ctx: RouteContext): void {
  if (hasBody(ctx) && !ctx.is('application/json', '+json')) {
    throw new UnsupportedMediaTypeError('Send the request body as application/json');
  }
}
