/**
 * A contacts CSV (RFC 4180: `,` separated, `"` quoted, CRLF or LF, optional UTF-8 BOM) read into
 * contact rows, or into the list of bad rows with their line numbers. The header row names the
 * fields: `phone` (required), `name`, `tags` (separated by `;` or `|`), `optState`; every other
 * column is an attribute. Nothing is written here: the import writes all rows or none.
 */
import type { ContactOptState } from '../../entities/contact';
import { normalizePhone } from '../conversations/normalize-phone';

/** One contact as the CSV gives it; empty cells are null / left out. */
export interface ContactCsvRow {
  /** Line of the file the row starts on (the header is line 1). */
  line: number;
  phone: string;
  name: string | null;
  tags: string[];
  /** Null: the cell was empty, the stored state stays (new contacts: unknown). */
  optState: ContactOptState | null;
  attributes: Record<string, string>;
}

/** A bad row (or header) and what is wrong with it. */
export interface CsvProblem {
  line: number;
  message: string;
}

/** Most rows one import takes. */
export const MAX_IMPORT_ROWS = 100_000;

const OPT_STATES = new Set<string>(['unknown', 'opted_in', 'opted_out']);
const TAG_SEPARATOR = /[;|]/;
const FIELD_COLUMNS: Record<string, 'phone' | 'name' | 'tags' | 'optState'> = {
  phone: 'phone',
  name: 'name',
  tags: 'tags',
  optstate: 'optState',
  opt_state: 'optState',
};

/**
 * Parses `text`. Stops collecting problems after `maxProblems` (the count goes on), and refuses more
 * than {@link MAX_IMPORT_ROWS} rows as a problem on the first row past it.
 */
export function parseContactsCsv(
  text: string,
  maxProblems = 100,
): { rows: ContactCsvRow[]; problems: CsvProblem[]; problemCount: number } {
  const rows: ContactCsvRow[] = [];
  const problems: CsvProblem[] = [];
  let problemCount = 0;
  const report = (line: number, message: string) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push({ line, message });
  };
  const records = readCsvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const header = records.next();
  if (header.done) {
    report(1, 'the file is empty: the first line must name the columns (phone, name, tags, optState, …)');
    return { rows, problems, problemCount };
  }
  const columns = readHeader(header.value.fields, (message) => report(1, message));
  if (!columns) return { rows, problems, problemCount };

  const seen = new Map<string, number>();
  for (const { line, fields, error } of records) {
    if (error) {
      report(line, error);
      continue;
    }
    if (fields.length === 1 && fields[0].trim() === '') continue; // blank line
    if (fields.length !== columns.length) {
      report(line, `${fields.length} columns, the header has ${columns.length}`);
      continue;
    }
    if (rows.length + problemCount >= MAX_IMPORT_ROWS) {
      report(line, `more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows: split the file`);
      break;
    }
    const row = readRow(line, columns, fields, (message) => report(line, message));
    if (!row) continue;
    const firstLine = seen.get(row.phone);
    if (firstLine !== undefined) {
      report(line, `phone ${row.phone} is already on line ${firstLine}`);
      continue;
    }
    seen.set(row.phone, line);
    rows.push(row);
  }
  return { rows, problems, problemCount };
}

type Column = { field: 'phone' | 'name' | 'tags' | 'optState' } | { attribute: string };

function readHeader(names: string[], report: (message: string) => void): Column[] | null {
  const columns: Column[] = [];
  const used = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (name === '' || name.length > 100) {
      report('every column needs a name of 1 to 100 characters');
      return null;
    }
    const field = FIELD_COLUMNS[name.toLowerCase()];
    const key = field ?? name;
    if (used.has(key)) {
      report(`column ${name} appears twice`);
      return null;
    }
    used.add(key);
    columns.push(field ? { field } : { attribute: name });
  }
  if (!used.has('phone')) {
    report('no phone column: the first line must name the columns (phone, name, tags, optState, …)');
    return null;
  }
  return columns;
}

function readRow(
  line: number,
  columns: Column[],
  fields: string[],
  report: (message: string) => void,
): ContactCsvRow | null {
  const row: ContactCsvRow = { line, phone: '', name: null, tags: [], optState: null, attributes: {} };
  let ok = true;
  const fail = (message: string) => {
    report(message);
    ok = false;
  };
  columns.forEach((column, index) => {
    const value = fields[index].trim();
    if ('attribute' in column) {
      if (value.length > 1000) fail(`${column.attribute}: at most 1,000 characters`);
      else if (value !== '') row.attributes[column.attribute] = value;
      return;
    }
    switch (column.field) {
      case 'phone': {
        const phone = normalizePhone(value);
        if (phone) row.phone = phone;
        else
          fail(
            `phone "${value.slice(0, 32)}" is not an international number with country code (e.g. +972501234567)`,
          );
        return;
      }
      case 'name':
        if (value.length > 200) fail('name: at most 200 characters');
        else row.name = value || null;
        return;
      case 'tags':
        row.tags = [
          ...new Set(
            value
              .split(TAG_SEPARATOR)
              .map((tag) => tag.trim())
              .filter(Boolean),
          ),
        ];
        if (row.tags.length > 50 || row.tags.some((tag) => tag.length > 100)) {
          fail('tags: at most 50 tags of up to 100 characters');
        }
        return;
      case 'optState':
        if (value === '') return;
        if (OPT_STATES.has(value)) row.optState = value as ContactOptState;
        else fail(`optState "${value.slice(0, 32)}" must be unknown, opted_in or opted_out`);
        return;
    }
  });
  return ok ? row : null;
}

interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

/** RFC 4180 records with the line each starts on; a quoted field may span lines. */
function* readCsvRecords(text: string): Generator<CsvRecord> {
  let position = 0;
  let line = 1;
  while (position < text.length) {
    const startLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      let value = '';
      if (text[position] === '"') {
        position++;
        for (;;) {
          const quote = text.indexOf('"', position);
          if (quote === -1) {
            error = 'a quoted field is never closed';
            value += text.slice(position);
            position = text.length;
            break;
          }
          value += text.slice(position, quote);
          position = quote + 1;
          if (text[position] === '"') {
            value += '"';
            position++;
            continue;
          }
          break;
        }
        line += countNewlines(value);
        const next = text[position];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          error ??= 'text after a closing quote (write "" for a quote inside a quoted field)';
          const end = nextDelimiter(text, position);
          position = end;
        }
      } else {
        const end = nextDelimiter(text, position);
        value = text.slice(position, end);
        position = end;
      }
      fields.push(value);
      if (text[position] === ',') {
        position++;
        continue;
      }
      if (text[position] === '\r') position++;
      if (text[position] === '\n') position++;
      line++;
      break;
    }
    yield error ? { line: startLine, fields, error } : { line: startLine, fields };
  }
}

function nextDelimiter(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (char === ',' || char === '\n' || char === '\r') return index;
  }
  return text.length;
}

function countNewlines(value: string): number {
  let count = 0;
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) count++;
  return count;
}
