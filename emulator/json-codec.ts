/* JSON with Buffers: payload bytes (proto `bytes` fields) are stored as `{"$b": "<base64>"}`. Used by
 * the snapshot and the journal, so both read back exactly what the engine held. */

/** `JSON.stringify` replacer: Buffers (already turned into `{type:'Buffer', data}` by toJSON) → base64. */
export function bufferReplacer(_key: string, value: unknown): unknown {
  if (
    value &&
    typeof value === 'object' &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  ) {
    return { $b: Buffer.from((value as { data: number[] }).data).toString('base64') };
  }
  return value;
}

/** `JSON.parse` reviver undoing {@link bufferReplacer}. */
export function bufferReviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && typeof (value as { $b?: unknown }).$b === 'string') {
    return Buffer.from((value as { $b: string }).$b, 'base64');
  }
  return value;
}
