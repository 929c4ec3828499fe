/**
 * The one converter from our zod schemas to a JSON schema OpenAI's strict structured output accepts:
 * every object closed and fully required, optional fields written as nullable, one-of unions as
 * any-of, and keywords strict mode does not support moved into the description so the model still
 * reads the limits (the validator enforces them afterwards). `dropNullFields` undoes the nullable
 * step on the answer, so the original zod schemas parse it unchanged.
 */
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** Keywords strict mode accepts besides structure (type, properties, items, anyOf…). */
const KEPT_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  'enum',
  'const',
  'description',
  'pattern',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  '$defs',
  '$ref',
]);

const DESCRIBED_KEYWORDS: Record<string, (value: unknown) => string> = {
  minLength: (n) => `at least ${String(n)} characters`,
  maxLength: (n) => `at most ${String(n)} characters`,
  exclusiveMinimum: (n) => `greater than ${String(n)}`,
  exclusiveMaximum: (n) => `less than ${String(n)}`,
  format: (f) => `format ${String(f)}`,
};

/** The strict JSON schema of a zod schema (input side: what the model writes). */
export function toStrictJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  delete json.$schema;
  return makeStrict(json);
}

function makeStrict(node: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  const notes: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (KEPT_KEYWORDS.has(key)) out[key] = value;
    else if (DESCRIBED_KEYWORDS[key]) notes.push(DESCRIBED_KEYWORDS[key](value));
  }
  if (Array.isArray(node.oneOf)) out.anyOf = node.oneOf;
  if (notes.length > 0) {
    const text = typeof out.description === 'string' ? `${out.description} ` : '';
    out.description = `${text}(${notes.join(', ')})`;
  }
  if (Array.isArray(out.anyOf)) out.anyOf = (out.anyOf as JsonSchema[]).map(makeStrict);
  if (out.items && typeof out.items === 'object') out.items = makeStrict(out.items as JsonSchema);
  if (out.$defs) {
    out.$defs = Object.fromEntries(
      Object.entries(out.$defs as Record<string, JsonSchema>).map(([name, def]) => [name, makeStrict(def)]),
    );
  }
  if (out.type === 'object') {
    const properties = (out.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((out.required ?? []) as string[]);
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => {
        const strict = makeStrict(property);
        return [name, required.has(name) ? strict : nullable(strict)];
      }),
    );
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

function nullable(schema: JsonSchema): JsonSchema {
  const { description, ...rest } = schema;
  const anyOf =
    Array.isArray(rest.anyOf) && Object.keys(rest).length === 1 ? (rest.anyOf as JsonSchema[]) : [rest];
  return {
    anyOf: [...anyOf, { type: 'null' }],
    ...(description === undefined ? {} : { description }),
  };
}

/**
 * Removes object fields whose value is null, recursively: a strict answer's "not given". No schema
 * of ours has a nullable field, so null always means the field was optional and left out.
 */
export function dropNullFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNullFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null)
      .map(([key, field]) => [key, dropNullFields(field)]),
  );
}
