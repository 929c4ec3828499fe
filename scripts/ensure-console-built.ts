import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CONSOLE_DIST_DIR } from '../api/console/console-files';

const ROOT = path.resolve(__dirname, '..');
const CONSOLE_DIR = path.join(ROOT, 'console');
/** Written into the build: the hash of what it was built from. */
const STAMP = path.join(CONSOLE_DIST_DIR, '.source-hash');

/** Every file the console build reads besides node_modules: its sources, the engine it imports, package.json. */
function hashConsoleSources(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (file !== CONSOLE_DIST_DIR) walk(file);
      } else {
        hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file));
      }
    }
  };
  walk(CONSOLE_DIR);
  walk(path.join(ROOT, 'workflows', 'engine'));
  hash.update(fs.readFileSync(path.join(ROOT, 'package.json')));
  return hash.digest('hex');
}

/**
 * Builds the web console (Vite) when console/dist is missing or was built from other sources, so
 * `npm ci && npm start` serves a current console; a build takes a few seconds. Returns whether it built.
 */
export function ensureConsoleBuilt(log: (message: string) => void = () => undefined): boolean {
  const sourceHash = hashConsoleSources();
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === sourceHash) return false;
  log('building the web console (console/dist)');
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      path.join(CONSOLE_DIR, 'vite.config.mts'),
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  fs.writeFileSync(STAMP, sourceHash);
  return true;
}
