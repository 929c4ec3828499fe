/**
 * `POST /api/contacts/import`: a CSV of contacts upserted by (business number, phone) in one
 * transaction, so a file is imported whole or not at all. Each chunk of rows is one multi-row
 * `INSERT … ON CONFLICT DO UPDATE`, handed over as one jsonb parameter (no 65,535-parameter limit).
 */
import type { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable';
import { UnprocessableEntityError } from '../errors';
import { parseContactsCsv, type ContactCsvRow, type CsvProblem } from './parse-contacts-csv';

/** Rows per INSERT statement. */
const CHUNK_ROWS = 5_000;

/** 422: bad rows; nothing was imported. `problems` lists them with their line numbers. */
export class ContactImportRefusedError extends UnprocessableEntityError {
  override readonly fields: Record<string, unknown>;
  constructor(problems: CsvProblem[], problemCount: number) {
    const shown = problems.length < problemCount ? ` (the first ${problems.length} are listed)` : '';
    super(`Nothing was imported: ${problemCount} bad row${problemCount === 1 ? '' : 's'}${shown}`);
    this.fields = { problems };
  }
}

/** What an import did. */
export interface ContactImportResult {
  created: number;
  updated: number;
}

/**
 * Imports `csv` into the business number `whatsappAccountId` of `userId` (the caller checked both).
 * Throws {@link ContactImportRefusedError} before writing anything when a row is bad.
 */
export async function importContacts(
  dataSource: DataSource,
  target: { userId: string; whatsappAccountId: string },
  csv: string,
): Promise<ContactImportResult> {
  const { rows, problems, problemCount } = parseContactsCsv(csv);
  if (problemCount > 0) throw new ContactImportRefusedError(problems, problemCount);
  return await dataSource.transaction(async (manager) => {
    const result = { created: 0, updated: 0 };
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = await upsertChunk(manager, target, rows.slice(start, start + CHUNK_ROWS));
      result.created += chunk.created;
      result.updated += chunk.updated;
    }
    return result;
  });
}

/**
 * On conflict: a non-empty name replaces the stored one, attributes merge key by key (the CSV wins),
 * tags are added to the stored ones, and a non-empty optState is set (source `import`).
 */
async function upsertChunk(
  db: Queryable,
  target: { userId: string; whatsappAccountId: string },
  rows: ContactCsvRow[],
): Promise<ContactImportResult> {
  const records = rows.map(({ phone, name, tags, optState, attributes }) => ({
    phone,
    name,
    tags,
    optState,
    attributes,
  }));
  const inserted: { created: boolean }[] = await db.query(
    `INSERT INTO contacts AS c ("userId", "whatsappAccountId", phone, name, attributes, tags, "optState",
                                "optStateAt", "optStateSource")
     SELECT $2, $3, r.phone, r.name, r.attributes,
            ARRAY(SELECT jsonb_array_elements_text(r.tags)),
            COALESCE(r."optState", 'unknown'),
            CASE WHEN r."optState" IS NOT NULL THEN now() END,
            CASE WHEN r."optState" IS NOT NULL THEN 'import' END
       FROM jsonb_to_recordset($1::jsonb)
            AS r(phone text, name text, tags jsonb, "optState" text, attributes jsonb)
     ON CONFLICT ("whatsappAccountId", phone) DO UPDATE
        SET name = COALESCE(EXCLUDED.name, c.name),
            attributes = c.attributes || EXCLUDED.attributes,
            tags = ARRAY(SELECT tag FROM unnest(c.tags || EXCLUDED.tags) WITH ORDINALITY AS t(tag, n)
                          GROUP BY tag ORDER BY min(n)),
            "optState" = CASE WHEN EXCLUDED."optStateSource" IS NULL THEN c."optState" ELSE EXCLUDED."optState" END,
            "optStateAt" = CASE WHEN EXCLUDED."optStateSource" IS NOT NULL AND EXCLUDED."optState" <> c."optState"
                                THEN now() ELSE c."optStateAt" END,
            "optStateSource" = CASE WHEN EXCLUDED."optStateSource" IS NOT NULL AND EXCLUDED."optState" <> c."optState"
                                    THEN 'import' ELSE c."optStateSource" END,
            "updatedAt" = now()
     RETURNING (xmax = 0) AS created`,
    [JSON.stringify(records), target.userId, target.whatsappAccountId],
  );
  const created = inserted.filter((row) => row.created).length;
  return { created, updated: inserted.length - created };
}
