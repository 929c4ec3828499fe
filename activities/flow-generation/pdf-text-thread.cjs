/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS thread entry (see below) */
/**
 * Runs in a worker thread started by extract-pdf-text.ts: pdf.js parses untrusted bytes here, so a
 * PDF bomb exhausts this thread's heap limit or deadline, never the worker process. Plain CommonJS
 * on purpose: a thread does not inherit tsx's loader, so it must run without compilation.
 * In: workerData { bytes: Uint8Array, maxPages: number }.
 * Out: one message { ok: true, text, pageCount, pagesRead } or { ok: false, error }.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { extractText, getDocumentProxy } = require('unpdf');

async function readPdfText({ bytes, maxPages }) {
  const pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  try {
    if (pdf.numPages <= maxPages) {
      const { text } = await extractText(pdf, { mergePages: true });
      return { ok: true, text, pageCount: pdf.numPages, pagesRead: pdf.numPages };
    }
    const pages = [];
    for (let number = 1; number <= maxPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    return { ok: true, text: pages.join('\n'), pageCount: pdf.numPages, pagesRead: maxPages };
  } finally {
    await pdf.destroy();
  }
}

readPdfText(workerData).then(
  (reply) => parentPort.postMessage(reply),
  (error) =>
    parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
);
