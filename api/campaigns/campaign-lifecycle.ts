/**
 * A campaign's lifecycle: draft → scheduled → running ⇄ paused → completed, or cancelled from any
 * state before completion. Each request moves the row in one conditional UPDATE (so the answer is
 * certain and concurrent requests cannot both win) and then tells the campaign's run.
 */
import type { Client } from '@temporalio/client';
import type { Logger } from '../../platform/logger';
import type { DataSource } from 'typeorm';
import type { Campaign, CampaignStatus } from '../../entities/campaign';
import {
  cancelCampaignSignal,
  campaignWorkflowId,
  pauseCampaignSignal,
  resumeCampaignSignal,
  type CampaignWorkflowInput,
} from '../../workflows/campaign-definitions';
import { ConflictError, ServiceUnavailableError } from '../errors';
import { changeCampaignStatus, revertToDraft } from './campaign-rows';

/** What the lifecycle needs: the database, Temporal and the worker's task queue. */
export interface CampaignLifecycleDeps {
  dataSource: DataSource;
  temporalClient?: Client;
  taskQueue: string;
  logger: Logger;
}

/** The lifecycle requests and the states each may start from. */
const MOVES = {
  schedule: { from: ['draft'], to: 'scheduled' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['draft', 'scheduled', 'running', 'paused'], to: 'cancelled' },
} as const satisfies Record<string, { from: CampaignStatus[]; to: CampaignStatus }>;

export type CampaignMove = keyof typeof MOVES;

/** Applies `move` to `campaign` (the caller's, just read); 409 when its status does not allow it. */
export async function moveCampaign(
  deps: CampaignLifecycleDeps,
  campaign: Campaign,
  move: CampaignMove,
): Promise<Campaign> {
  const { from, to } = MOVES[move];
  const client = deps.temporalClient;
  if (!client && move !== 'cancel') throw new ServiceUnavailableError('Temporal is not configured');
  const workflowId = campaignWorkflowId(campaign.id);
  const moved = await changeCampaignStatus(
    deps.dataSource,
    campaign.id,
    [...from],
    to,
    move === 'schedule' ? { workflowId } : {},
  );
  if (!moved) {
    throw new ConflictError(
      `Campaign is ${campaign.status}; it can be ${move}d only when ${from.join(' or ')}`,
    );
  }
  if (move === 'schedule') {
    await startRun(deps, client as Client, moved);
  } else if (campaign.workflowId && client) {
    const signal =
      move === 'pause'
        ? pauseCampaignSignal
        : move === 'resume'
          ? resumeCampaignSignal
          : cancelCampaignSignal;
    try {
      await client.workflow.getHandle(campaign.workflowId).signal(signal);
    } catch (error) {
      // The row already says what happened; the run also reads it before every batch.
      deps.logger.warn({ err: error, campaignId: campaign.id, move }, 'could not signal the campaign run');
    }
  }
  return moved;
}

async function startRun(deps: CampaignLifecycleDeps, client: Client, campaign: Campaign): Promise<void> {
  const input: CampaignWorkflowInput = {
    campaignId: campaign.id,
    startAt: campaign.startAt ? new Date(campaign.startAt).getTime() : null,
  };
  try {
    await client.workflow.start('campaignWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: campaign.workflowId as string,
      args: [input],
      staticSummary: `Campaign ${campaign.id}`,
    });
  } catch (error) {
    await revertToDraft(deps.dataSource, campaign.id);
    deps.logger.error({ err: error, campaignId: campaign.id }, 'starting the campaign run failed');
    throw new ServiceUnavailableError('The campaign could not be started; it is still a draft, retry later', {
      cause: error,
    });
  }
}
