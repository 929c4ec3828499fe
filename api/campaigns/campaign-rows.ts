/** The `campaigns` and `campaign_recipients` tables as the campaign routes read and edit them. */
import type { Campaign, CampaignStatus } from '../../entities/campaign';
import type { CampaignRecipient, CampaignRecipientStatus } from '../../entities/campaign-recipient';
import type { Queryable } from '../database/queryable';
import { findRowById } from '../database/find-row-by-id';

/** The campaign with this id, whoever owns it; null for an unknown id. */
export async function findCampaign(db: Queryable, id: string): Promise<Campaign | null> {
  return await findRowById<Campaign>(db, 'campaigns', id);
}

/** The fields a draft is made of. */
export type CampaignFields = Pick<
  Campaign,
  | 'name'
  | 'whatsappAccountId'
  | 'template'
  | 'audience'
  | 'replyFlowId'
  | 'startAt'
  | 'sendingWindow'
  | 'messagesPerSecond'
>;

const JSON_FIELDS = new Set(['template', 'audience', 'sendingWindow']);

/** Inserts a draft. */
export async function insertCampaign(
  db: Queryable,
  userId: string,
  fields: CampaignFields,
): Promise<Campaign> {
  const rows: Campaign[] = await db.query(
    `INSERT INTO campaigns ("userId", "whatsappAccountId", name, template, audience, "replyFlowId", "startAt",
                            "sendingWindow", "messagesPerSecond")
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8::jsonb, $9) RETURNING *`,
    [
      userId,
      fields.whatsappAccountId,
      fields.name,
      JSON.stringify(fields.template),
      JSON.stringify(fields.audience),
      fields.replyFlowId,
      fields.startAt,
      fields.sendingWindow === null ? null : JSON.stringify(fields.sendingWindow),
      fields.messagesPerSecond,
    ],
  );
  return rows[0];
}

/** Writes `changes` to a draft; null when it is no longer a draft (changed concurrently). */
export async function updateDraft(
  db: Queryable,
  id: string,
  changes: Partial<CampaignFields>,
): Promise<Campaign | null> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const sets = entries.map(
    ([column, value], index) =>
      `"${column}" = $${index + 2}${JSON_FIELDS.has(column) && value !== null ? '::jsonb' : ''}`,
  );
  const values = entries.map(([column, value]) =>
    JSON_FIELDS.has(column) && value !== null ? JSON.stringify(value) : value,
  );
  const [rows]: [Campaign[], number] = await db.query(
    `UPDATE campaigns SET ${[...sets, `"updatedAt" = now()`].join(', ')}
      WHERE id = $1 AND status = 'draft' RETURNING *`,
    [id, ...values],
  );
  return rows[0] ?? null;
}

/**
 * Moves the campaign from one of `from` to `to` in one statement, so two requests never both win;
 * null when its status was none of `from`.
 */
export async function changeCampaignStatus(
  db: Queryable,
  id: string,
  from: CampaignStatus[],
  to: CampaignStatus,
  extra: { workflowId?: string } = {},
): Promise<Campaign | null> {
  const [rows]: [Campaign[], number] = await db.query(
    `UPDATE campaigns
        SET status = $3, "workflowId" = COALESCE($4, "workflowId"),
            "endedAt" = CASE WHEN $3 = 'cancelled' THEN now() ELSE "endedAt" END,
            "waitingFor" = CASE WHEN $3 IN ('running', 'cancelled') THEN NULL ELSE "waitingFor" END,
            "updatedAt" = now()
      WHERE id = $1 AND status = ANY($2::text[]) RETURNING *`,
    [id, from, to, extra.workflowId ?? null],
  );
  return rows[0] ?? null;
}

/** Puts a campaign back to draft (its run could not be started). */
export async function revertToDraft(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE campaigns SET status = 'draft', "workflowId" = NULL WHERE id = $1 AND status = 'scheduled'`,
    [id],
  );
}

/** A page of `userId`'s campaigns, newest first. */
export async function listCampaigns(
  db: Queryable,
  userId: string,
  query: { status?: CampaignStatus; limit: number; offset: number },
): Promise<Campaign[]> {
  return await db.query(
    `SELECT * FROM campaigns WHERE "userId" = $1 AND ($2::text IS NULL OR status = $2)
      ORDER BY "createdAt" DESC, id DESC LIMIT $3 OFFSET $4`,
    [userId, query.status ?? null, query.limit, query.offset],
  );
}

/** A page of a campaign's recipients in sending order, after recipient `after`. */
export async function listRecipients(
  db: Queryable,
  campaignId: string,
  query: { status?: CampaignRecipientStatus; limit: number; after?: string },
): Promise<CampaignRecipient[]> {
  return await db.query(
    `SELECT id::text AS id, phone, "contactId", parameters, status, "errorCode", "waMessageId", "sentAt", "repliedAt"
       FROM campaign_recipients
      WHERE "campaignId" = $1 AND ($2::text IS NULL OR status = $2) AND id > $3::bigint
      ORDER BY id LIMIT $4`,
    [campaignId, query.status ?? null, query.after ?? '0', query.limit],
  );
}
