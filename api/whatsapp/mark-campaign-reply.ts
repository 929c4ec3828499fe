import type { DataSource } from 'typeorm';

/** A customer's message counts as a reply to a campaign message sent at most this many days before. */
export const CAMPAIGN_REPLY_DAYS = 30;

/**
 * Marks the latest campaign message sent to `phone` from this number `replied` when the customer
 * writes within CAMPAIGN_REPLY_DAYS after it. One indexed statement (on `campaign_recipients_phone`),
 * run only for numbers that sent a campaign in that time (the webhook's account read says so).
 * Returns the campaign's reply flow (null: none),
 * or undefined when the message answers no campaign.
 */
export async function markCampaignReply(
  dataSource: DataSource,
  accountId: string,
  phone: string,
  sentAt: Date,
): Promise<string | null | undefined> {
  const [rows]: [{ replyFlowId: string | null }[], number] = await dataSource.query(
    `UPDATE campaign_recipients r
        SET status = 'replied', "repliedAt" = $3, "updatedAt" = now()
       FROM campaigns k
      WHERE r.id = (SELECT id FROM campaign_recipients
                     WHERE "whatsappAccountId" = $1 AND phone = $2
                       AND "sentAt" > $3::timestamptz - make_interval(days => ${CAMPAIGN_REPLY_DAYS})
                       AND "sentAt" < $3::timestamptz + interval '1 second'
                     ORDER BY "sentAt" DESC LIMIT 1)
        AND k.id = r."campaignId" AND r.status IN ('sent', 'delivered', 'read')
      RETURNING k."replyFlowId"`,
    [accountId, phone, sentAt],
  );
  return rows.length === 0 ? undefined : rows[0].replyFlowId;
}
