/** The `whatsapp_accounts` table as the API's settings routes see it (connecting is the CLI's job). */
import type { WhatsappAccount } from '../../entities/whatsapp-account';
import type { Queryable } from '../database/queryable';
import { findRowById } from '../database/find-row-by-id';
import { listRowsOwnedBy } from '../database/list-rows-owned-by';
import { saveRowChanges } from '../database/save-row-changes';

/** The account with this id, whoever owns it; null for an unknown id or one that is not a UUID. */
export async function findWhatsappAccount(db: Queryable, id: string): Promise<WhatsappAccount | null> {
  return await findRowById<WhatsappAccount>(db, 'whatsapp_accounts', id);
}

/** Whether `accountId` is a WhatsApp account of `userId`. */
export async function isAccountOf(db: Queryable, accountId: string, userId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM whatsapp_accounts WHERE id = $1 AND "userId" = $2`, [
    accountId,
    userId,
  ]);
  return rows.length > 0;
}

/** The accounts of `userId` (every account when undefined), oldest first. */
export async function listWhatsappAccounts(
  db: Queryable,
  userId: string | undefined,
): Promise<WhatsappAccount[]> {
  return await listRowsOwnedBy<WhatsappAccount>(db, 'whatsapp_accounts', userId, 'ASC');
}

/** The settings of an account its owner edits. */
export type WhatsappAccountSettings = Partial<
  Pick<
    WhatsappAccount,
    'inboundFlowId' | 'messagesPerSecond' | 'optOutKeywords' | 'optInKeywords' | 'optOutConfirmation'
  >
>;

/** Writes `changes`; `updatedAt` moves only when a value actually changed. Returns the stored row. */
export async function saveWhatsappAccountChanges(
  db: Queryable,
  account: WhatsappAccount,
  changes: WhatsappAccountSettings,
): Promise<WhatsappAccount> {
  return await saveRowChanges<WhatsappAccount>(db, 'whatsapp_accounts', account, changes);
}
