/** Flow variables and the `{{var}}` templating that reads them. */
/** A flow variable: anything JSON can hold, so FlowState stays serialisable across continue-as-new. */
export type VariableValue =
  string | number | boolean | null | VariableValue[] | { [key: string]: VariableValue };

/** The variables of one flow run, by name. */
export type Variables = Record<string, VariableValue>;

/** A variable name a node may write to: letters, digits and underscores, not starting with a digit. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const PATH_SEGMENT = /[^.[\]]+|\[(\d+)\]/g;

/**
 * Reads a simple path (`order.items[0].name` or `order.items.0.name`) from a JSON value.
 * Only own properties are followed, so `__proto__` or `constructor` never leak out of a response body.
 */
export function readVariablePath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const match of path.matchAll(PATH_SEGMENT)) {
    const key = match[1] ?? match[0];
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The text form of a variable for messages: missing → empty string, objects → JSON. */
export function formatVariableValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * Turns an untrusted value (an HTTP response field) into a VariableValue, dropping what JSON cannot
 * hold, so a variable never carries a function, `undefined` or a cycle into FlowState.
 */
export function toVariableValue(value: unknown): VariableValue {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as VariableValue);
}

/** `{{name}}`, `{{ order.total }}`, `{{items[0].title}}`. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[\d+\])*)\s*\}\}/g;

/**
 * Replaces every `{{variable}}` in `text` with the variable's value. Dot paths and `[index]` reach
 * into objects and arrays; a missing variable renders as an empty string so a customer never sees
 * raw braces. Text that is not a valid placeholder (`{{ not valid }}`) is left as written.
 */
export function renderTemplate(text: string, variables: Variables): string {
  return text.replace(PLACEHOLDER, (_whole, path: string) =>
    formatVariableValue(readVariablePath(variables, path)),
  );
}

/**
 * Like renderTemplate, but when the whole text is one placeholder the variable's own value is
 * returned (a number stays a number, an object stays an object) — what set_variable needs.
 */
export function renderTemplateValue(text: string, variables: Variables): unknown {
  const single = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[\d+\])*)\s*\}\}$/.exec(text);
  if (single) return readVariablePath(variables, single[1]);
  return renderTemplate(text, variables);
}
