import { formatVariableValue, readVariablePath, type Variables } from './variables';

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
