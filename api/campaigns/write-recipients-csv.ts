/** A campaign's recipients as CSV, read in pages so a 100,000-recipient export never holds one huge result. */
import type { Queryable } from '../database/queryable';
import { listRecipients } from './campaign-rows';

const PAGE = 5_000;
const HEADER = 'phone,status,errorCode,waMessageId,sentAt,repliedAt,parameters';

/** The whole CSV text, header first, recipients in sending order. */
export async function writeRecipientsCsv(db: Queryable, campaignId: string): Promise<string> {
  const lines = [HEADER];
  for (let after = '0'; ;) {
    const page = await listRecipients(db, campaignId, { limit: PAGE, after });
    for (const r of page) {
      lines.push(
        [
          r.phone,
          r.status,
          r.errorCode ?? '',
          r.waMessageId ?? '',
          r.sentAt ? new Date(r.sentAt).toISOString() : '',
          r.repliedAt ? new Date(r.repliedAt).toISOString() : '',
          JSON.stringify(r.parameters),
        ]
          .map(csvCell)
          .join(','),
      );
    }
    if (page.length < PAGE) return `${lines.join('\r\n')}\r\n`;
    after = page[page.length - 1].id;
  }
}

/** Quotes a cell holding a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^\+\d+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
