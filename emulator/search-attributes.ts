import type { Proto } from './run-state';

/** Indexed value type names (proto enum) ↔ the `type` metadata the SDK puts on payloads. */
const METADATA_BY_INDEXED: Record<string, string> = {
  INDEXED_VALUE_TYPE_TEXT: 'Text',
  INDEXED_VALUE_TYPE_KEYWORD: 'Keyword',
  INDEXED_VALUE_TYPE_INT: 'Int',
  INDEXED_VALUE_TYPE_DOUBLE: 'Double',
  INDEXED_VALUE_TYPE_BOOL: 'Bool',
  INDEXED_VALUE_TYPE_DATETIME: 'Datetime',
  INDEXED_VALUE_TYPE_KEYWORD_LIST: 'KeywordList',
};
const INDEXED_BY_METADATA = Object.fromEntries(Object.entries(METADATA_BY_INDEXED).map(([k, v]) => [v, k]));

/** Maps the CLI's `--search-attribute Name=Keyword` spelling to the proto enum name. */
export function indexedTypeFromName(name: string): string {
  return (
    INDEXED_BY_METADATA[name] ??
    (name.startsWith('INDEXED_VALUE_TYPE_') ? name : 'INDEXED_VALUE_TYPE_KEYWORD')
  );
}

function inferIndexedType(payload: Proto): string {
  const typed = payload?.metadata?.type ? Buffer.from(payload.metadata.type).toString() : undefined;
  if (typed && INDEXED_BY_METADATA[typed]) return INDEXED_BY_METADATA[typed];
  try {
    const value: unknown = JSON.parse(Buffer.from(payload?.data ?? []).toString());
    if (Array.isArray(value)) return 'INDEXED_VALUE_TYPE_KEYWORD_LIST';
    if (typeof value === 'number')
      return Number.isInteger(value) ? 'INDEXED_VALUE_TYPE_INT' : 'INDEXED_VALUE_TYPE_DOUBLE';
    if (typeof value === 'boolean') return 'INDEXED_VALUE_TYPE_BOOL';
  } catch {
    // not JSON: fall through to keyword
  }
  return 'INDEXED_VALUE_TYPE_KEYWORD';
}

/**
 * Any custom search attribute is accepted: the first time a name is seen its type is registered
 * (from the payload's `type` metadata, else inferred from the value).
 */
export function registerSearchAttributes(types: Map<string, string>, fields: Record<string, Proto>): void {
  for (const [name, payload] of Object.entries(fields)) {
    if (!types.has(name)) types.set(name, inferIndexedType(payload));
  }
}

/** Adds the `type` metadata the server attaches, so typed search attributes decode on the client. */
export function withTypeMetadata(
  types: Map<string, string>,
  fields: Record<string, Proto>,
): Record<string, Proto> {
  const out: Record<string, Proto> = {};
  for (const [name, payload] of Object.entries(fields)) {
    const type = METADATA_BY_INDEXED[types.get(name) ?? ''];
    out[name] =
      type && !payload?.metadata?.type
        ? { ...payload, metadata: { ...(payload?.metadata ?? {}), type: Buffer.from(type) } }
        : payload;
  }
  return out;
}
