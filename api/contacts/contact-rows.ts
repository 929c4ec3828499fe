/** The `contacts` table: one customer of one business number, with what the business knows of them. */
import type { Contact, ContactOptState } from '../../entities/contact';
import type { Queryable } from '../database/queryable';
import { contactFilterSql, type ContactFilter } from './contact-filter';

/** The contact with this id if `userId` owns it; null otherwise (or for an id that is not a UUID). */
export async function findContactOf(db: Queryable, id: string, userId: string): Promise<Contact | null> {
  const rows: Contact[] = await db.query(`SELECT * FROM contacts WHERE id::text = $1 AND "userId" = $2`, [
    id,
    userId,
  ]);
  return rows[0] ?? null;
}

/** `userId`'s contacts matching `filter`, newest first, one page. */
export async function listContacts(
  db: Queryable,
  userId: string,
  filter: ContactFilter,
  page: { limit: number; offset: number },
): Promise<Contact[]> {
  const { where, parameters } = contactFilterSql(userId, filter, 3);
  return await db.query(
    `SELECT c.* FROM contacts c WHERE ${where}
      ORDER BY c."createdAt" DESC, c.id DESC LIMIT $1 OFFSET $2`,
    [page.limit, page.offset, ...parameters],
  );
}

/** What the business sets on a contact through the API. */
export interface ContactFields {
  name?: string | null;
  attributes?: Record<string, string>;
  tags?: string[];
  optState?: ContactOptState;
}

/** Inserts a contact; null when the number already has one for this phone. */
export async function insertContact(
  db: Queryable,
  contact: ContactFields & { userId: string; whatsappAccountId: string; phone: string; source: string },
): Promise<Contact | null> {
  const optState = contact.optState ?? 'unknown';
  const rows: Contact[] = await db.query(
    `INSERT INTO contacts ("userId", "whatsappAccountId", phone, name, attributes, tags, "optState",
                           "optStateAt", "optStateSource")
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::text[], $7,
             CASE WHEN $7 <> 'unknown' THEN now() END, CASE WHEN $7 <> 'unknown' THEN $8 END)
     ON CONFLICT ("whatsappAccountId", phone) DO NOTHING
     RETURNING *`,
    [
      contact.userId,
      contact.whatsappAccountId,
      contact.phone,
      contact.name ?? null,
      JSON.stringify(contact.attributes ?? {}),
      contact.tags ?? [],
      optState,
      contact.source,
    ],
  );
  return rows[0] ?? null;
}

/**
 * Writes the given fields (`attributes` and `tags` replace the stored ones); a changed `optState`
 * also records when and `source`. `updatedAt` moves only when something changed.
 */
export async function updateContact(
  db: Queryable,
  contact: Contact,
  changes: ContactFields,
  source: string,
): Promise<Contact> {
  const [rows]: [Contact[], number] = await db.query(
    `UPDATE contacts
        SET name = CASE WHEN $2 THEN $3 ELSE name END,
            attributes = COALESCE($4::jsonb, attributes),
            tags = COALESCE($5::text[], tags),
            "optState" = COALESCE($6, "optState"),
            "optStateAt" = CASE WHEN $6 IS DISTINCT FROM "optState" AND $6 IS NOT NULL THEN now() ELSE "optStateAt" END,
            "optStateSource" = CASE WHEN $6 IS DISTINCT FROM "optState" AND $6 IS NOT NULL THEN $7 ELSE "optStateSource" END,
            "updatedAt" = now()
      WHERE id = $1
        AND (name, attributes, tags, "optState") IS DISTINCT FROM
            (CASE WHEN $2 THEN $3 ELSE name END, COALESCE($4::jsonb, attributes), COALESCE($5::text[], tags),
             COALESCE($6, "optState"))
      RETURNING *`,
    [
      contact.id,
      changes.name !== undefined,
      changes.name ?? null,
      changes.attributes === undefined ? null : JSON.stringify(changes.attributes),
      changes.tags ?? null,
      changes.optState ?? null,
      source,
    ],
  );
  return rows[0] ?? contact;
}

/**
 * Creates or refreshes the contact of a customer a conversation is starting with, in one statement
 * beside the conversation's INSERT. A name from the business's own systems (lead, trigger:
 * `nameFromBusiness`) replaces the stored one; a WhatsApp profile name only fills an empty one, so it
 * never overwrites what the business set. The opt state is not touched: neither path is consent.
 * @returns false when the contact has opted out; then nothing was written.
 */
export async function upsertConversationContact(
  db: Queryable,
  contact: { userId: string; whatsappAccountId: string; phone: string; name: string | null },
  nameFromBusiness: boolean,
): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO contacts ("userId", "whatsappAccountId", phone, name) VALUES ($1, $2, $3, $4)
     ON CONFLICT ("whatsappAccountId", phone) DO UPDATE
        SET name = CASE WHEN $5 THEN COALESCE(EXCLUDED.name, contacts.name)
                        ELSE COALESCE(contacts.name, EXCLUDED.name) END,
            "updatedAt" = now()
      WHERE contacts."optState" <> 'opted_out'
     RETURNING 1`,
    [contact.userId, contact.whatsappAccountId, contact.phone, contact.name, nameFromBusiness],
  );
  return rows.length > 0;
}

/**
 * Sets the opt state of a customer who wrote an opt-out or opt-in keyword (source `keyword`),
 * creating the contact when there is none. `nameIfNew` is the WhatsApp profile name, used only for a
 * contact this creates.
 * @returns the state before, `null` for a contact this created.
 */
export async function setContactOptStateByKeyword(
  db: Queryable,
  contact: { userId: string; whatsappAccountId: string; phone: string; nameIfNew: string | null },
  optState: Exclude<ContactOptState, 'unknown'>,
): Promise<ContactOptState | null> {
  const rows: { previous: ContactOptState | null }[] = await db.query(
    `WITH previous AS (SELECT "optState" FROM contacts WHERE "whatsappAccountId" = $2 AND phone = $3)
     INSERT INTO contacts ("userId", "whatsappAccountId", phone, name, "optState", "optStateAt", "optStateSource")
     VALUES ($1, $2, $3, $4, $5, now(), 'keyword')
     ON CONFLICT ("whatsappAccountId", phone) DO UPDATE
        SET "optState" = EXCLUDED."optState", "optStateAt" = now(), "optStateSource" = 'keyword', "updatedAt" = now()
      WHERE contacts."optState" <> EXCLUDED."optState"
     RETURNING (SELECT "optState" FROM previous) AS previous`,
    [contact.userId, contact.whatsappAccountId, contact.phone, contact.nameIfNew, optState],
  );
  // No row: the contact was in this state already.
  return rows.length > 0 ? rows[0].previous : optState;
}

/** Whether the customer `phone` has opted out of the business number `whatsappAccountId`. */
export async function isOptedOut(db: Queryable, whatsappAccountId: string, phone: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM contacts WHERE "whatsappAccountId" = $1 AND phone = $2 AND "optState" = 'opted_out'`,
    [whatsappAccountId, phone],
  );
  return rows.length > 0;
}
