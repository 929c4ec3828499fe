/**
 * The multipart body of `POST /api/flows/generate`, parsed for this route only (the app's global
 * body parser has multipart off): formidable streams the file straight into the uploads folder
 * with hard limits, and its errors become 400/413 with a clear message.
 */
import fs from 'node:fs/promises';
import type { Middleware } from 'koa';
import { koaBody } from 'koa-body';
import { MAX_UPLOAD_BYTES } from '../../workflows/generate-flow-definitions';
import type { AppState } from '../app-state';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';

/** Longest prompt accepted, in characters. */
export const MAX_PROMPT_CHARS = 4000;

/** Room for the multipart framing and the prompt on top of the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

// formidable's error codes (formidable/src/FormidableError.js).
const TOO_LARGE_CODES = new Set([1006, 1007, 1009, 1016]);
const TOO_MANY_FILES = 1015;

/** A parsed form: the prompt and, when sent, the uploaded file where formidable wrote it. */
export interface GenerationForm {
  prompt: string;
  file?: { path: string; size: number };
}

const tooLarge = () =>
  new PayloadTooLargeError(
    `The file is too large: at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB is accepted`,
  );

/**
 * Parses multipart/form-data into `ctx.request.body` / `ctx.request.files`, writing the file to
 * `uploadDir`. Rejects other content types (415) and bodies whose Content-Length is over the limit
 * (413) before reading them.
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
  return [precheck, parse];
}

/** Reads the parsed form; a missing prompt is empty. */
export function readGenerationForm(body: unknown, files: unknown): GenerationForm {
  const fields = (body ?? {}) as Record<string, unknown>;
  const rawPrompt = Array.isArray(fields.prompt) ? fields.prompt[0] : fields.prompt;
  const prompt = typeof rawPrompt === 'string' ? rawPrompt.trim() : '';
  if (prompt.length > MAX_PROMPT_CHARS) {
    throw new BadRequestError(`The prompt is too long: at most ${MAX_PROMPT_CHARS} characters`);
  }
  const upload = (files ?? {}) as Record<string, unknown>;
  const file = (Array.isArray(upload.file) ? upload.file[0] : upload.file) as
    { filepath?: string; size?: number } | undefined;
  if (!file?.filepath) return { prompt };
  return { prompt, file: { path: file.filepath, size: file.size ?? 0 } };
}
