/**
 * A campaign audience uploaded as CSV: a header row naming `phone` (required), `name` (optional) and
 * any other columns, which become attributes (`{{attr.<column>}}`). A bad row is reported with its
 * line number and nothing is kept.
 */
import type { ListedRecipient } from '../../entities/campaign';
import { UnprocessableEntityError } from '../errors';

const E164 = /^\+[1-9]\d{6,14}$/;

/** Parses the CSV text into recipients; 422 naming the first bad line. */
export function parseRecipientCsv(text: string): ListedRecipient[] {
  const rows = splitCsv(text);
  const header = rows.shift()?.cells.map((cell) => cell.trim());
  const phoneColumn = header?.indexOf('phone') ?? -1;
  if (!header || phoneColumn < 0)
    throw new UnprocessableEntityError('CSV line 1: the header needs a phone column');
  const nameColumn = header.indexOf('name');
  const recipients: ListedRecipient[] = [];
  for (const { line, cells } of rows) {
    if (cells.length === 1 && cells[0].trim() === '') continue;
    if (cells.length !== header.length) {
      throw new UnprocessableEntityError(
        `CSV line ${line}: ${cells.length} cells, the header has ${header.length}`,
      );
    }
    const phone = cells[phoneColumn].trim();
    if (!E164.test(phone))
      throw new UnprocessableEntityError(`CSV line ${line}: phone must be E.164 (+15551234567)`);
    const attributes: Record<string, string> = {};
    header.forEach((column, index) => {
      if (index !== phoneColumn && index !== nameColumn && column) attributes[column] = cells[index];
    });
    recipients.push({
      phone,
      ...(nameColumn >= 0 && cells[nameColumn] ? { name: cells[nameColumn] } : {}),
      attributes,
    });
  }
  if (recipients.length === 0) throw new UnprocessableEntityError('The CSV has no recipients');
  return recipients;
}

/** RFC 4180 cells: quoted cells may hold commas, quotes (doubled) and line breaks. */
function splitCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += char;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}
