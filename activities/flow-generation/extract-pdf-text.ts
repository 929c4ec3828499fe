/** Text of a PDF, read in a worker thread with memory, time, page and character limits. */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExtractedDocument } from '../../workflows/generate-flow-definitions';

/** Limits of one extraction. */
export interface PdfLimits {
  /** Pages read; later pages are left out (default 30). */
  maxPages: number;
  /** Characters kept (default 50,000: a long menu fits, a book does not). */
  maxChars: number;
  /** Wall-clock deadline of the thread (default 20 s). */
  timeoutMs: number;
  /** Heap limit of the thread in MB (default 256). */
  maxHeapMb: number;
}

/** What pdf-text-thread.cjs is given and answers. */
interface PdfTextRequest {
  bytes: Uint8Array;
  maxPages: number;
}
type PdfTextReply =
  { ok: true; text: string; pageCount: number; pagesRead: number } | { ok: false; error: string };

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxPages: 30,
  maxChars: 50_000,
  timeoutMs: 20_000,
  maxHeapMb: 256,
};

/** The PDF could not be read: broken, encrypted, over a limit. `message` is safe to show. */
export class PdfReadError extends Error {
  override readonly name = 'PdfReadError';
}

/**
 * Extracts the text of `bytes` (pages merged, whitespace collapsed), at most `maxPages` pages and
 * `maxChars` characters.
 * @throws PdfReadError when the bytes are not a readable PDF or the thread hits its heap or time limit.
 */
export async function extractPdfText(
  bytes: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<ExtractedDocument> {
  const request: PdfTextRequest = { bytes, maxPages: limits.maxPages };
  const reply = await runThread(request, limits);
  if (!reply.ok) throw new PdfReadError(`The PDF could not be read: ${reply.error}`);
  const text = reply.text
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  return {
    text: text.slice(0, limits.maxChars),
    pageCount: reply.pageCount,
    pagesRead: reply.pagesRead,
    truncated: reply.pagesRead < reply.pageCount || text.length > limits.maxChars,
  };
}

function runThread(request: PdfTextRequest, limits: PdfLimits): Promise<PdfTextReply> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(path.join(__dirname, 'pdf-text-thread.cjs'), {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
    const timer = setTimeout(() => {
      void thread.terminate();
      reject(new PdfReadError(`Reading the PDF took longer than ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
    thread.once('message', (reply: PdfTextReply) => {
      clearTimeout(timer);
      void thread.terminate();
      resolve(reply);
    });
    thread.once('error', (error) => {
      clearTimeout(timer);
      reject(new PdfReadError(`The PDF could not be read: ${error.message}`, { cause: error }));
    });
    thread.once('exit', (code) => {
      clearTimeout(timer);
      reject(new PdfReadError(`The PDF reader stopped (exit code ${code})`));
    });
  });
}
