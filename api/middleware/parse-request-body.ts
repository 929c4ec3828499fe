import type { Middleware } from 'koa';
import { koaBody } from 'koa-body';
import type { AppState } from '../app-state';
import { BadRequestError } from '../errors';

/** Largest JSON body accepted; Drawflow graphs are the biggest legitimate payloads. */
const JSON_BODY_LIMIT = '2mb';

/**
 * Deepest nesting of objects and arrays accepted in a body. The deepest legitimate payloads are
 * Meta's webhook notifications and Drawflow graphs with node data, about 10 levels; 64 leaves room
 * for any structure a person designs, while every recursive walk after parsing (zod, TypeORM,
 * JSON.stringify, pino) stays a few hundred stack frames deep: a 5,000-level graph overflowed the
 * stack inside TypeORM.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The body-parsing layer: koa-body (JSON, forms, text; multipart is left to the routes that take
 * files), then the nesting limit on whatever it parsed, so nothing downstream walks a structure
 * deeper than {@link MAX_JSON_DEPTH} levels. Parser failures are thrown for handleErrors to map.
 */
export function parseRequestBody(): Middleware<AppState> {
  const parse = koaBody({
    json: true,
    jsonStrict: true,
    jsonLimit: JSON_BODY_LIMIT,
    formLimit: '256kb',
    textLimit: '256kb',
    multipart: false,
    // Keeps the exact bytes as ctx.request.rawBody: webhook and trigger signatures are HMACs of them.
    includeUnparsed: true,
  });
  return (ctx, next) => {
    // The contacts import reads its CSV itself, with a larger limit than text bodies get here.
    if (ctx.is('text/csv')) return next();
    return parse(ctx, () => {
      if (nestingDepthExceeds(ctx.request.body, MAX_JSON_DEPTH)) {
        throw new BadRequestError(`Request body is nested more than ${MAX_JSON_DEPTH} levels deep`);
      }
      return next();
    });
  };
}

/**
 * Whether objects and arrays in `value` nest deeper than `limit` (`{}` and `[]` are 1 level). A loop
 * with its own stack, not recursion: JSON.parse builds a 1,000,000-level value from 2 MB without
 * complaint, and a recursive walk of it would overflow. Stops at the first container past the limit.
 */
export function nestingDepthExceeds(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(item.value)) pending.push({ value: child, depth });
  }
  return false;
}
