/**
 * Text PostgreSQL cannot store: NUL (`\u0000`, refused by `text` and `jsonb` alike) and UTF-16
 * surrogates without their partner (not Unicode, so not UTF-8 either). JSON's `\u` escapes let a
 * caller send both, and JavaScript strings hold them happily until the database refuses the row.
 *
 * The walks below recurse: the values they see were parsed under the body-parsing layer's nesting
 * limit (api/middleware/parse-request-body.ts).
 */

// Without the `u` flag the pattern sees UTF-16 code units, so it can tell a pair from a lone half.
// eslint-disable-next-line no-control-regex -- NUL is one of the two things this pattern looks for
const MALFORMED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MALFORMED_ALL = new RegExp(MALFORMED.source, 'g');

/** The reason given for a refused string, after the field's name. */
export const MALFORMED_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** Whether `text` holds a NUL or an unpaired surrogate. */
export function isMalformedText(text: string): boolean {
  return MALFORMED.test(text);
}

/** Where malformed text sits in a JSON value: a string value, or a field name inside an object. */
export interface MalformedTextSite {
  /** Keys and indices from the root; for a field name, the path of the object that holds it. */
  path: string[];
  kind: 'value' | 'fieldName';
}

/** Every place in `value` (a parsed JSON value, query or params object) holding malformed text. */
export function findMalformedText(value: unknown, path: string[] = []): MalformedTextSite[] {
  if (typeof value === 'string') return isMalformedText(value) ? [{ path, kind: 'value' }] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => findMalformedText(item, [...path, `${index}`]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const inKey: MalformedTextSite[] = isMalformedText(key) ? [{ path, kind: 'fieldName' }] : [];
    // The key is unprintable: name the object, and go on into the value under a stand-in name.
    return [...inKey, ...findMalformedText(item, [...path, inKey.length > 0 ? '?' : key])];
  });
}

/**
 * `value` with every NUL and unpaired surrogate, in values and field names, replaced by U+FFFD (as
 * `String.prototype.toWellFormed` does for surrogates), and the paths of the strings it changed.
 * Used where refusing is worse than repairing: a WhatsApp webhook batch.
 */
export function replaceMalformedText(value: unknown): { value: unknown; repaired: string[] } {
  const repaired: string[] = [];
  const repair = (text: string) => text.replace(MALFORMED_ALL, '\ufffd');
  const walk = (item: unknown, path: string[]): unknown => {
    if (typeof item === 'string') {
      if (!isMalformedText(item)) return item;
      repaired.push(path.join('.'));
      return repair(item);
    }
    if (Array.isArray(item)) return item.map((element, index) => walk(element, [...path, `${index}`]));
    if (typeof item !== 'object' || item === null) return item;
    // fromEntries defines own properties, so a `__proto__` key stays data and never a prototype.
    return Object.fromEntries(
      Object.entries(item).map(([key, element]) => {
        if (!isMalformedText(key)) return [key, walk(element, [...path, key])];
        repaired.push(`${[...path, '?'].join('.')} (field name)`);
        return [repair(key), walk(element, [...path, '?'])];
      }),
    );
  };
  return { value: walk(value, []), repaired };
}
