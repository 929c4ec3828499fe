/**
 * The body of the CSV import, read by its route (the app's body parser leaves text/csv alone): up to
 * {@link MAX_IMPORT_BYTES}, refused with 413 as soon as it is larger, and 415 for other types.
 */
import type { Middleware } from 'koa';
import type { AppState } from '../app-state';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';

/** Largest CSV one import takes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const tooLarge = () =>
  new PayloadTooLargeError(`The CSV is too large: at most ${MAX_IMPORT_BYTES / (1024 * 1024)} MB per import`);

/** Leaves the CSV text as `ctx.request.body` for the route's schema. */
export function readCsvBody(): Middleware<AppState> {
  return async (ctx, next) => {
    if (!ctx.is('text/csv')) {
      throw new UnsupportedMediaTypeError('Send the contacts as text/csv (the first line names the columns)');
    }
    if (Number(ctx.get('content-length') || 0) > MAX_IMPORT_BYTES) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_IMPORT_BYTES) throw tooLarge();
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    try {
      ctx.request.body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new BadRequestError('The CSV must be UTF-8 text');
    }
    await next();
  };
}
