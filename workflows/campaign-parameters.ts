/**
 * Campaign template parameters: texts with `{{name}}`, `{{phone}}` or `{{attr.<key>}}` placeholders,
 * each optionally with a default for an empty field (`{{name|there}}`). Parsed once here so the API
 * (which rejects unknown placeholders) and the activity that fills them for every recipient agree.
 * Pure: no I/O.
 */

/** One piece of a parameter text. */
export type ParameterPart =
  | { kind: 'text'; text: string }
  | { kind: 'field'; field: 'name' | 'phone' | 'attr'; key?: string; fallback: string };

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

/** Splits a parameter text into parts; throws an Error naming the first unknown placeholder. */
export function parseParameterText(text: string): ParameterPart[] {
  const parts: ParameterPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ kind: 'text', text: text.slice(last, index) });
    parts.push(toField(match[1], match[2] ?? ''));
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function toField(name: string, fallback: string): ParameterPart {
  if (name === 'name' || name === 'phone') return { kind: 'field', field: name, fallback };
  if (name.startsWith('attr.') && name.length > 'attr.'.length) {
    return { kind: 'field', field: 'attr', key: name.slice('attr.'.length), fallback };
  }
  throw new Error(`unknown placeholder {{${name}}}: use {{name}}, {{phone}} or {{attr.<key>}}`);
}
