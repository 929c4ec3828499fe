import type { EventEmitter } from 'node:events';
import pino, { type DestinationStream, type Logger } from 'pino';
import { toLoggableError, withLoggableErrors } from './loggable-error';

export type { Logger } from 'pino';

/** Field names whose values never reach a log line, at any of the depths listed below. */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'token',
  'accessToken',
  'access_token',
  'apiKey',
  'api_key',
  'password',
  'secret',
  'jwtSecret',
  'appSecret',
  'verifyToken',
  'dataEncryptionKey',
];

// pino's redaction matches exact paths (wildcards cover one level each), so list the usual depths.
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key.startsWith('[') ? key.slice(2, -2) : key, join('*'), join('*.*'), join('*.*.*')];
});

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; stdout by default. Tests pass a stream to inspect output. */
  destination?: DestinationStream;
}

/**
 * Creates the process logger: JSON lines, ISO times, and secrets (authorization, cookies, tokens,
 * API keys, passwords) replaced by "[Redacted]" wherever they appear in a logged object. Errors,
 * under any key (`err`, Temporal's `error`, `recordError`, …), are logged without the values of a
 * failed query (see platform/loggable-error.ts): a failing INSERT must not write a password hash or
 * a customer's phone number to the logs.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'flowbot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      // Every log call's fields pass here before pino's per-key serializers; `err` keeps a serializer
      // of the same kind so that pino's default one does not re-serialize what this made loggable.
      formatters: { log: withLoggableErrors },
      serializers: { err: toLoggableError },
    },
    options.destination,
  );
}

/**
 * Resolves once the lines logged so far have reached stdout (or after `timeoutMs`). pino writes
 * stdout asynchronously; `process.exit` with a write in flight would lose that line or put the next
 * one before it. The stream (sonic-boom) emits `drain` when its last write is done; when nothing is
 * pending there is no event, and the timeout ends the wait.
 */
export async function flushLogger(logger: Logger, timeoutMs = 200): Promise<void> {
  const stream = (logger as unknown as Record<symbol, Partial<EventEmitter>>)[pino.symbols.streamSym];
  await new Promise<void>((resolve) => {
    stream.once?.('drain', resolve);
    setTimeout(resolve, timeoutMs).unref();
  });
}
