import { ConfigError } from './config';
import { toLoggableError } from './loggable-error';

/**
 * Runs an entry point's `main`. A failure to start (bad configuration, database or Temporal down)
 * is printed as one line on stderr and exits with status 1: whoever starts the process needs the
 * reason, not a stack trace. Set DEBUG_STARTUP=1 to print the full error as well.
 */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof ConfigError ? error.message : describe(error);
    console.error(`${name}: ${message}`);
    if (process.env.DEBUG_STARTUP === '1' && !(error instanceof ConfigError)) printDetails(error);
    process.exit(1);
  });
}

/** The stack (with causes) and the error's fields, without the values of a failed query. */
function printDetails(error: unknown): void {
  const loggable = toLoggableError(error);
  if (typeof loggable !== 'object' || loggable === null) return console.error(loggable);
  const { stack, type: _type, message: _message, ...fields } = loggable as Record<string, unknown>;
  console.error(stack);
  if (Object.keys(fields).length > 0) console.error(fields);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const causes = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    causes.push(current.message.replace(/\s+/g, ' ').trim());
  }
  return causes.filter(Boolean).join(': ');
}
