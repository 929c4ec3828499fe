/**
 * The activities of `campaignWorkflow`: fix the audience, send a batch, note why the campaign waits,
 * and complete it with its totals.
 */
import type { DataSource } from 'typeorm';
import { countCampaignRecipients, type CampaignTotals } from '../../entities/campaign-totals';
import { recordWebhookEvent } from '../../entities/webhook-outbox';
import type { CampaignBatchInput, CampaignWaitReason } from '../../workflows/campaign-definitions';
import type { SendWhatsAppMessageDeps } from '../send-whatsapp-message';
import { materialiseRecipients } from './materialise-recipients';
import { sendCampaignBatch } from './send-campaign-batch';

/** Creates the campaign activities over the send activity's dependencies (one pacer per process). */
export function createCampaignActivities(deps: SendWhatsAppMessageDeps) {
  const { dataSource } = deps;
  return {
    /** Fixes the audience of a scheduled campaign and marks it running; nothing when already started. */
    async startCampaign(campaignId: string): Promise<{ recipients: number | null }> {
      return { recipients: await materialiseRecipients(dataSource, campaignId) };
    },

    sendCampaignBatch: (input: CampaignBatchInput) => sendCampaignBatch(deps, input),

    /** Records why a campaign is not sending (null: it is sending again), for the API to show. */
    async noteCampaignWaiting(
      campaignId: string,
      reason: CampaignWaitReason | 'send_failure' | null,
      until: number | null,
    ): Promise<void> {
      await dataSource.query(
        `UPDATE campaigns SET "waitingFor" = $2, "waitingUntil" = $3, "updatedAt" = now() WHERE id = $1`,
        [campaignId, reason, until === null ? null : new Date(until)],
      );
    },

    /** Pauses a campaign the workflow cannot go on with (e.g. the number's token was revoked). */
    async pauseCampaignOnFailure(campaignId: string): Promise<void> {
      await dataSource.query(
        `UPDATE campaigns SET status = 'paused', "waitingFor" = 'send_failure', "updatedAt" = now()
          WHERE id = $1 AND status = 'running'`,
        [campaignId],
      );
    },

    /**
     * Marks a running campaign completed (a paused or cancelled one keeps its status); its totals.
     * Completing it records the tenant's `campaign.completed` webhooks in the same transaction.
     */
    async finishCampaign(campaignId: string): Promise<CampaignTotals> {
      const deliveryIds = await dataSource.transaction(async (manager) => {
        const [completed]: [{ userId: string; name: string; whatsappAccountId: string }[], number] =
          await manager.query(
            `UPDATE campaigns SET status = 'completed', "endedAt" = now(), "waitingFor" = NULL, "waitingUntil" = NULL,
                    "updatedAt" = now()
              WHERE id = $1 AND status = 'running'
              RETURNING "userId", name, "whatsappAccountId"`,
            [campaignId],
          );
        const campaign = completed[0];
        if (!campaign) return [];
        return await recordWebhookEvent(manager, {
          userId: campaign.userId,
          type: 'campaign.completed',
          data: {
            campaignId,
            name: campaign.name,
            whatsappAccountId: campaign.whatsappAccountId,
            status: 'completed',
            totals: await countCampaignRecipients(manager, campaignId),
          },
        });
      });
      if (deliveryIds.length > 0) await deps.dispatchWebhooks?.(deliveryIds);
      return countCampaignRecipients(dataSource, campaignId);
    },

    /** A cancelled campaign's end time; its totals. */
    async endCancelledCampaign(campaignId: string): Promise<CampaignTotals> {
      await endCampaign(dataSource, campaignId);
      return countCampaignRecipients(dataSource, campaignId);
    },
  };
}

async function endCampaign(dataSource: DataSource, campaignId: string): Promise<void> {
  await dataSource.query(
    `UPDATE campaigns SET "endedAt" = COALESCE("endedAt", now()), "waitingFor" = NULL, "waitingUntil" = NULL,
            "updatedAt" = now()
      WHERE id = $1`,
    [campaignId],
  );
}

/** The campaign activities' interface, proxied by `campaignWorkflow`. */
export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
