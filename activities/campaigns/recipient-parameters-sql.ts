/**
 * Turns a campaign's parameter texts into one SQL expression, so the audience is materialised (and
 * every recipient's parameters filled) by a single INSERT … SELECT instead of a row at a time.
 */
import { parseParameterText, type ParameterPart } from '../../workflows/campaign-parameters';

/** SQL expressions of a recipient's fields in the SELECT the parameters are computed in. */
export interface RecipientColumns {
  name: string;
  phone: string;
  /** A jsonb object of string values. */
  attributes: string;
}

/**
 * A `jsonb` array expression of the filled parameters; values go into `parameters` (appended, so
 * callers number theirs first).
 */
export function recipientParametersSql(
  texts: string[],
  columns: RecipientColumns,
  parameters: unknown[],
): string {
  if (texts.length === 0) return `'[]'::jsonb`;
  const bind = (value: string) => {
    parameters.push(value);
    return `$${parameters.length}::text`;
  };
  const expressions = texts.map((text) => {
    const parts = parseParameterText(text).map((part) => partSql(part, columns, bind));
    return parts.length === 0 ? `''` : parts.join(' || ');
  });
  return `jsonb_build_array(${expressions.join(', ')})`;
}

function partSql(part: ParameterPart, columns: RecipientColumns, bind: (value: string) => string): string {
  if (part.kind === 'text') return bind(part.text);
  const value =
    part.field === 'attr'
      ? `(${columns.attributes}) ->> ${bind(part.key as string)}`
      : part.field === 'name'
        ? columns.name
        : columns.phone;
  return `COALESCE(NULLIF(${value}, ''), ${bind(part.fallback)})`;
}
