/**
 * The multipart body of `POST /api/flows/generate`, parsed for this route only (the app's global
 * body parser has multipart off): formidable streams the file straight into the uploads folder
 * with hard limits, and its errors become 400/413 with a clear message. Runs in the route's
 * `middleware` slot, so the route's schema then validates `{ prompt, file }`.
 */
import fs from 'node:fs/promises';
import type { Middleware } from 'koa';
import { koaBody } from 'koa-body';
import { MAX_UPLOAD_BYTES } from '../../workflows/generate-flow-definitions';
import type { AppState } from '../app-state';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import type { UploadedFile } from '../schemas/flow-generation';

/** Room for the multipart framing and the prompt on top of the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

// formidable's error codes (formidable/src/FormidableError.js).
const TOO_LARGE_CODES = new Set([1006, 1007, 1009, 1016]);
const TOO_MANY_FILES = 1015;

const tooLarge = () =>
  new PayloadTooLargeError(
    `The file is too large: at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB is accepted`,
  );

/**
 * Parses multipart/form-data, writing the file to `uploadDir`, and leaves `ctx.request.body` as
 * `{ ...fields, file?: UploadedFile }` for the route's schema. Rejects other content types (415)
 * and bodies whose Content-Length is over the limit (413) before reading them. The file formidable
 * wrote is removed once the request is answered, whatever happened.
 */
export function parseGenerationForm(uploadDir: string): Middleware<AppState>[] {
  const precheck: Middleware<AppState> = async (ctx, next) => {
    if (!ctx.is('multipart/form-data')) {
      throw new UnsupportedMediaTypeError(
        'Send multipart/form-data with a "prompt" field and an optional "file"',
      );
    }
    if (Number(ctx.get('content-length') || 0) > MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES) throw tooLarge();
    await fs.mkdir(uploadDir, { recursive: true });
    await next();
  };
  const parse = koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    formidable: {
      uploadDir,
      maxFiles: 1,
      maxFileSize: MAX_UPLOAD_BYTES,
      maxTotalFileSize: MAX_UPLOAD_BYTES,
      maxFields: 10,
      maxFieldsSize: 64 * 1024,
      allowEmptyFiles: false,
      minFileSize: 1,
      keepExtensions: false,
      filter: (part) => part.name === 'file',
    },
    onError: (error) => {
      const code = (error as { code?: number }).code;
      if (code !== undefined && TOO_LARGE_CODES.has(code)) throw tooLarge();
      if (code === TOO_MANY_FILES) throw new BadRequestError('Send at most one file');
      throw new BadRequestError('The multipart body could not be read', { cause: error });
    },
  });
  const collect: Middleware<AppState> = async (ctx, next) => {
    const file = readUploadedFile(ctx.request.files);
    // A text field named "file" is not a file: only the file part counts.
    const { file: _textField, ...fields } = (ctx.request.body ?? {}) as Record<string, unknown>;
    // koa-body types the body as JSON; the route's schema is what reads it.
    ctx.request.body = (file ? { ...fields, file } : fields) as typeof ctx.request.body;
    try {
      await next();
    } finally {
      if (file) await fs.rm(file.path, { force: true });
    }
  };
  return [precheck, parse, collect];
}

/** The `file` part as formidable wrote it, if one was sent (at most one is accepted). */
function readUploadedFile(files: unknown): UploadedFile | undefined {
  const parts = (files ?? {}) as Record<string, unknown>;
  const file = (Array.isArray(parts.file) ? parts.file[0] : parts.file) as
    { filepath?: string; size?: number } | undefined;
  return file?.filepath ? { path: file.filepath, size: file.size ?? 0 } : undefined;
}
