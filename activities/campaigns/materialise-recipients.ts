/**
 * Fixes a campaign's audience: the campaign turns `running` and its recipients are written, in one
 * transaction and only once, so a contact added afterwards is never included and a retried start
 * changes nothing.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { contactFilterSql, type ContactFilter } from '../../api/contacts/contact-filter';
import type { CampaignAudience, CampaignTemplate } from '../../entities/campaign';
import { recipientParametersSql } from './recipient-parameters-sql';

interface StartingCampaign {
  id: string;
  userId: string;
  whatsappAccountId: string;
  template: CampaignTemplate;
  audience: CampaignAudience;
}

/**
 * Moves a `scheduled` campaign to `running` and inserts its recipients. Returns how many were
 * inserted, or null when the campaign had already started (or is no longer scheduled).
 */
export async function materialiseRecipients(
  dataSource: DataSource,
  campaignId: string,
): Promise<number | null> {
  return dataSource.transaction(async (manager) => {
    const [rows]: [StartingCampaign[], number] = await manager.query(
      `UPDATE campaigns SET status = 'running', "startedAt" = now(), "waitingFor" = NULL, "waitingUntil" = NULL,
              "updatedAt" = now()
        WHERE id = $1 AND status = 'scheduled' AND "startedAt" IS NULL
        RETURNING id, "userId", "whatsappAccountId", template, audience`,
      [campaignId],
    );
    const campaign = rows[0];
    if (!campaign) return null;
    return campaign.audience.type === 'filter'
      ? insertFromContacts(manager, campaign, campaign.audience.filter as ContactFilter)
      : insertFromList(manager, campaign);
  });
}

async function insertFromContacts(
  manager: EntityManager,
  campaign: StartingCampaign,
  filter: ContactFilter,
): Promise<number> {
  const parameters: unknown[] = [campaign.id];
  // The campaign's number always wins: a filter cannot reach another number's contacts.
  const { where, parameters: filterParameters } = contactFilterSql(
    campaign.userId,
    { ...filter, whatsappAccountId: campaign.whatsappAccountId },
    2,
  );
  parameters.push(...filterParameters);
  const filled = recipientParametersSql(
    campaign.template.parameters,
    { name: 'c.name', phone: 'c.phone', attributes: 'c.attributes' },
    parameters,
  );
  const counted: { inserted: number }[] = await manager.query(
    `WITH inserted AS (
     INSERT INTO campaign_recipients ("campaignId", "whatsappAccountId", phone, "contactId", parameters)
     SELECT $1, c."whatsappAccountId", c.phone, c.id, ${filled}
       FROM contacts c WHERE ${where}
      ORDER BY c."createdAt", c.id
     ON CONFLICT ("campaignId", phone) DO NOTHING
     RETURNING 1)
     SELECT count(*)::int AS inserted FROM inserted`,
    parameters,
  );
  return counted[0].inserted;
}

async function insertFromList(manager: EntityManager, campaign: StartingCampaign): Promise<number> {
  const parameters: unknown[] = [campaign.id, campaign.whatsappAccountId];
  const filled = recipientParametersSql(
    campaign.template.parameters,
    {
      name: `COALESCE(e.v ->> 'name', c.name)`,
      phone: `e.v ->> 'phone'`,
      attributes: `COALESCE(c.attributes, '{}'::jsonb) || COALESCE(e.v -> 'attributes', '{}'::jsonb)`,
    },
    parameters,
  );
  const counted: { inserted: number }[] = await manager.query(
    `WITH inserted AS (
     INSERT INTO campaign_recipients ("campaignId", "whatsappAccountId", phone, "contactId", parameters)
     SELECT $1, $2, e.v ->> 'phone', c.id, ${filled}
       FROM campaigns k,
            jsonb_array_elements(k.audience -> 'recipients') WITH ORDINALITY AS e(v, n)
       LEFT JOIN contacts c ON c."whatsappAccountId" = $2 AND c.phone = e.v ->> 'phone'
      WHERE k.id = $1
      ORDER BY e.n
     ON CONFLICT ("campaignId", phone) DO NOTHING
     RETURNING 1)
     SELECT count(*)::int AS inserted FROM inserted`,
    parameters,
  );
  return counted[0].inserted;
}
