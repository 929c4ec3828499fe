import fs from 'node:fs';
import path from 'node:path';

/** Where `npm run console:build` (Vite) writes the web console. */
export const CONSOLE_DIST_DIR = path.resolve(__dirname, '../../console/dist');

/**
 * The console's Content-Security-Policy: everything from this origin only, no inline script or
 * style element. Drawflow positions nodes and the canvas through `element.style` (CSSOM), which a
 * policy without `'unsafe-inline'` allows; Pico CSS draws its checkbox and select icons as `data:`
 * SVG images, hence `img-src data:`.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A built file: its bytes and content type. */
export interface ConsoleFile {
  body: Buffer;
  contentType: string;
}

/** The console's index.html, or undefined when the console has not been built. */
export function readConsoleIndex(distDir = CONSOLE_DIST_DIR): Buffer | undefined {
  return readIfFile(path.join(distDir, 'index.html'));
}

/**
 * One file of the build's `assets/` folder by its bare name, or undefined. Names with anything but
 * letters, digits, `-`, `_` and `.` are refused before the file system is touched, so no path can
 * leave the folder.
 */
export function readConsoleAsset(name: string, distDir = CONSOLE_DIST_DIR): ConsoleFile | undefined {
  if (!/^[\w-][\w.-]*$/.test(name)) return undefined;
  const contentType = CONTENT_TYPES[path.extname(name)];
  if (!contentType) return undefined;
  const body = readIfFile(path.join(distDir, 'assets', name));
  return body && { body, contentType };
}

function readIfFile(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
