/**
 * `campaignWorkflow`: one broadcast campaign from its start time to its last recipient. Waits for
 * `startAt`, fixes the audience, then sends it in batches (`sendCampaignBatch`), waiting whenever the
 * sending window is closed or the number's daily unique-recipient limit is reached. Pause, resume
 * and cancel arrive as signals after the API has changed the campaign's row (the row is the API's
 * answer; the signal only wakes the run). Continues as new every few batches so a 100,000-recipient
 * campaign never carries a long history.
 */
import {
  ActivityFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { FlowActivities } from '../activities';
import {
  CAMPAIGN_BATCHES_PER_RUN,
  cancelCampaignSignal,
  pauseCampaignSignal,
  resumeCampaignSignal,
  type CampaignBatchResult,
  type CampaignTotals,
  type CampaignWorkflowInput,
} from './campaign-definitions';

/** Most recipients per batch; the activity sends fewer at low paces (about two seconds' worth). */
export const CAMPAIGN_BATCH_SIZE = 1_000;

const { startCampaign, noteCampaignWaiting, pauseCampaignOnFailure, finishCampaign, endCancelledCampaign } =
  proxyActivities<FlowActivities>({
    startToCloseTimeout: '5 minutes',
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
  });

/**
 * A batch reports progress after every recipient: a worker killed mid-batch is noticed after the
 * heartbeat timeout and the retry continues from the last recipient it reported.
 */
const { sendCampaignBatch } = proxyActivities<FlowActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['WhatsAppAuthFailed', 'WhatsAppCredentialsUnreadable'],
  },
});

/** How often a paused run reads its campaign's row (a lost resume signal costs at most this). */
const PAUSED_RECHECK = '1 minute';

function emptyTotals(): CampaignTotals {
  return { total: 0, queued: 0, sent: 0, delivered: 0, read: 0, failed: 0, replied: 0, skipped_opted_out: 0 };
}

/** What a campaign's run ends with. */
export interface CampaignWorkflowResult {
  status: 'completed' | 'cancelled';
  totals: CampaignTotals;
}

/** Runs one campaign; see the module comment. */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignWorkflowResult> {
  let paused = input.paused ?? false;
  let cancelled = false;
  setHandler(pauseCampaignSignal, () => void (paused = true));
  setHandler(resumeCampaignSignal, () => void (paused = false));
  setHandler(cancelCampaignSignal, () => void (cancelled = true));

  let after = input.afterRecipientId;
  if (after === undefined) {
    const startIn = input.startAt === null ? 0 : input.startAt - Date.now();
    if (startIn > 0) {
      await noteCampaignWaiting(input.campaignId, 'start_time', input.startAt);
      if (await condition(() => cancelled, startIn)) return end();
    }
    await startCampaign(input.campaignId);
    after = '0';
  }

  const batchesPerRun = input.batchesPerRun ?? CAMPAIGN_BATCHES_PER_RUN;
  for (let rounds = 0; ; rounds++) {
    if (rounds >= batchesPerRun || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof campaignWorkflow>({ ...input, afterRecipientId: after, paused });
    }
    // While paused, look at the row now and then: a resume whose signal was lost still resumes.
    if (paused) await condition(() => !paused || cancelled, PAUSED_RECHECK);
    if (cancelled) return end();
    let result: CampaignBatchResult;
    try {
      result = await sendCampaignBatch({
        campaignId: input.campaignId,
        afterRecipientId: after,
        limit: CAMPAIGN_BATCH_SIZE,
      });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      // Every recipient would fail the same way: pause, and let a person resume once it is fixed.
      await pauseCampaignOnFailure(input.campaignId);
      paused = true;
      continue;
    }
    if (result.kind === 'stopped') {
      // The row is the truth: the API changed it first and its signal may be late or lost.
      if (result.status === 'gone') return { status: 'cancelled', totals: emptyTotals() };
      if (result.status === 'cancelled') return end();
      paused = true;
      continue;
    }
    paused = false;
    if (result.kind === 'wait') {
      await noteCampaignWaiting(input.campaignId, result.reason, result.until);
      await condition(() => paused || cancelled, Math.max(1000, result.until - Date.now()));
      await noteCampaignWaiting(input.campaignId, null, null);
      continue;
    }
    after = result.lastRecipientId;
    if (result.done) {
      return { status: 'completed', totals: await finishCampaign(input.campaignId) };
    }
  }

  async function end(): Promise<CampaignWorkflowResult> {
    return { status: 'cancelled', totals: await endCancelledCampaign(input.campaignId) };
  }
}
