import { ConfigError } from './config';

/**
 * Runs an entry point's `main`. A failure to start (bad configuration, database or Temporal down)
 * is printed as one line on stderr and exits with status 1: whoever starts the process needs the
 * reason, not a stack trace. Set DEBUG_STARTUP=1 to print the full error as well.
 */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof ConfigError ? error.message : describe(error);
    console.error(`${name}: ${message}`);
    if (process.env.DEBUG_STARTUP === '1' && !(error instanceof ConfigError)) console.error(error);
    process.exit(1);
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const causes = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    causes.push(current.message.replace(/\s+/g, ' ').trim());
  }
  return causes.filter(Boolean).join(': ');
}
