/** A JSON value of a generated document. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys whose values are data, not schemas: an example may well hold `{"id": "…"}`. */
const DATA_KEYS = new Set(['example', 'examples', 'x-codeSamples', 'default', 'const', 'enum']);

/**
 * Moves every schema that carries a zod metadata `id` (`z.globalRegistry.add(schema, { id })` or
 * `.meta({ id })`) into `components.schemas[id]` and puts a `$ref` in its place, so a shared shape
 * such as the error body is written once. zod-to-openapi only does this for schemas patched with
 * its own `.openapi()`, and copies the `id` into the schema otherwise.
 * @throws Error when two different schemas claim the same id.
 */
export function hoistNamedSchemas<T extends object>(document: T): T {
  const components: Record<string, Json> = {};
  const visit = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const copy: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) copy[key] = DATA_KEYS.has(key) ? value : visit(value);
    const id = copy.id;
    if (typeof id !== 'string' || !isSchema(copy)) return copy;
    delete copy.id;
    const existing = components[id];
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(copy)) {
      throw new Error(`Two different schemas are named ${id}`);
    }
    components[id] = copy;
    return { $ref: `#/components/schemas/${id}` };
  };
  const result = visit(document as unknown as Json) as Record<string, Json>;
  const existingComponents = (result.components ?? {}) as Record<string, Json>;
  result.components = {
    ...existingComponents,
    schemas: { ...((existingComponents.schemas ?? {}) as Record<string, Json>), ...components },
  };
  return result as unknown as T;
}

function isSchema(node: Record<string, Json>): boolean {
  return ['type', 'properties', 'anyOf', 'oneOf', 'allOf', 'items', '$ref'].some((key) => key in node);
}
