/**
 * Temporal definitions of broadcast campaigns, shared by `api/`, `activities/`, `workflows/` and
 * tests: the workflow id, its input, its signals, and what one batch of sends reports back.
 */
import { defineSignal } from '@temporalio/workflow';

/** The workflow id of a campaign's run: one run per campaign, ever. */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

/** The send key of one recipient's message: stable across retries, crashes and continue-as-new. */
export function campaignSendKey(campaignId: string, recipientId: string): string {
  return `campaign/${campaignId}/${recipientId}`;
}

/** Input of `campaignWorkflow`; a continued run carries where its predecessor stopped. */
export interface CampaignWorkflowInput {
  campaignId: string;
  /** Epoch ms of `startAt`; null = now. */
  startAt: number | null;
  /** Recipients with an id up to this one have been handled (continue-as-new carries it). */
  afterRecipientId?: string;
  paused?: boolean;
  /** Batches per run before continue-as-new (default {@link CAMPAIGN_BATCHES_PER_RUN}). */
  batchesPerRun?: number;
}

/** Batches one run sends before it continues as new, so a run's history stays small. */
export const CAMPAIGN_BATCHES_PER_RUN = 50;

/** Input of the `sendCampaignBatch` activity. */
export interface CampaignBatchInput {
  campaignId: string;
  /** Recipients after this id (in id order) are next. */
  afterRecipientId: string;
  /** At most this many recipients. */
  limit: number;
}

/**
 * What a batch did. `sent`: it handled recipients up to `lastRecipientId` (`done` when none are left).
 * `wait`: nothing may go out before `until` (epoch ms) because of `reason`. `stopped`: the campaign's
 * row is no longer running (paused or cancelled by the API, or deleted): the run follows the row even
 * when the API's signal was lost.
 */
export type CampaignBatchResult =
  | { kind: 'sent'; lastRecipientId: string; handled: number; done: boolean }
  | { kind: 'wait'; reason: CampaignWaitReason; until: number }
  | { kind: 'stopped'; status: 'paused' | 'cancelled' | 'gone' };

/** Why a running campaign is waiting; stored in `campaigns.waitingFor`. */
export type CampaignWaitReason = 'start_time' | 'sending_window' | 'daily_recipient_limit';

/** Recipients per status and in all (the same shape as entities/campaign-totals.ts computes). */
export type CampaignTotals = Record<
  'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'replied' | 'skipped_opted_out' | 'total',
  number
>;

/** Stop sending after the current batch (the API has marked the row `paused`). */
export const pauseCampaignSignal = defineSignal<[]>('pauseCampaign');
/** Continue sending (the API has marked the row `running`). */
export const resumeCampaignSignal = defineSignal<[]>('resumeCampaign');
/** Stop for good after the current batch (the API has marked the row `cancelled`). */
export const cancelCampaignSignal = defineSignal<[]>('cancelCampaign');
