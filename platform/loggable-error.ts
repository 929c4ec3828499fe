import pino from 'pino';

/**
 * Fields of errors whose values are data rather than a description of the failure: TypeORM's
 * `QueryFailedError` carries the values bound to the failed query as `parameters` (password hashes,
 * phone numbers, message texts), and PostgreSQL's `detail` quotes them too ("Failing row contains
 * (…)", "Key (email)=(…) already exists"). The SQL text (`query`, with `$1` placeholders), the
 * error code, table and constraint stay: they are what one needs to find the cause.
 */
const DATA_FIELDS = new Set(['parameters', 'detail']);

/** Deep enough for an error under a few levels of log fields (and its driverError, cause, …). */
const MAX_DEPTH = 8;

/** An Error of this realm or of another one (Temporal's workflow sandbox, vm contexts). */
export function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

/** The prototype of pino's serialized errors (they are not plain objects). */
const SERIALIZED_ERROR_PROTOTYPE = Object.getPrototypeOf(
  pino.stdSerializers.err(new Error('probe')),
) as object;

/**
 * An error as it may be logged or printed: pino's standard form (type, message and stack with the
 * causes', its other fields) without the values a failed query carries ({@link DATA_FIELDS}), at
 * any depth. Anything but an Error is returned unchanged. The error itself is not modified.
 */
export function toLoggableError(error: unknown): unknown {
  if (!isError(error)) return error;
  return withoutData(pino.stdSerializers.err(error), 0, new Set());
}

/**
 * The fields of one log call with every Error in them (under any key, down to {@link MAX_DEPTH})
 * made loggable by {@link toLoggableError}. Returns `fields` itself when it holds no Error.
 */
export function withLoggableErrors(fields: Record<string, unknown>): Record<string, unknown> {
  return replaceErrors(fields, 0, new Set()) as Record<string, unknown>;
}

/**
 * Replaces Errors inside plain objects and arrays, copying only what changes; returns `value` itself
 * when it holds no Error. `ancestors` stops cycles.
 */
function replaceErrors(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (isError(value)) return toLoggableError(value);
  if (depth >= MAX_DEPTH || !isContainer(value, false) || ancestors.has(value)) return value;
  ancestors.add(value);
  let copy: Record<string, unknown> | unknown[] | undefined;
  for (const [key, item] of Object.entries(value)) {
    const replaced = replaceErrors(item, depth + 1, ancestors);
    if (replaced === item) continue;
    copy ??= Array.isArray(value) ? [...value] : { ...value };
    (copy as Record<string, unknown>)[key] = replaced;
  }
  ancestors.delete(value);
  return copy ?? value;
}

/** A copy of a serialized error without {@link DATA_FIELDS}, here and in what it contains. */
function withoutData(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (isError(value)) return toLoggableError(value);
  if (!isContainer(value, true)) return value;
  if (depth >= MAX_DEPTH || ancestors.has(value)) return '[Omitted]';
  ancestors.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => withoutData(item, depth + 1, ancestors))
    : Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => !DATA_FIELDS.has(key))
          .map(([key, item]) => [key, withoutData(item, depth + 1, ancestors)]),
      );
  ancestors.delete(value);
  return copy;
}

/** Arrays and plain objects (and, when asked, pino's serialized errors): what the walks look into. */
function isContainer(
  value: unknown,
  serializedErrors: boolean,
): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (
    prototype === Object.prototype ||
    prototype === null ||
    (serializedErrors && prototype === SERIALIZED_ERROR_PROTOTYPE)
  );
}
