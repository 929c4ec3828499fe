import type { Router } from '@koa/router';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Campaign } from '../../entities/campaign';
import { countCampaignRecipients } from '../../entities/campaign-totals';
import type { Logger } from '../../platform/logger';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import type { Principal } from '../auth/principal';
import { moveCampaign, type CampaignMove } from '../campaigns/campaign-lifecycle';
import {
  findCampaign,
  insertCampaign,
  listCampaigns,
  listRecipients,
  updateDraft,
} from '../campaigns/campaign-rows';
import { writeRecipientsCsv } from '../campaigns/write-recipients-csv';
import { prepareCampaignFields } from '../campaigns/prepare-campaign-fields';
import { ConflictError, NotFoundError } from '../errors';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import {
  campaignExample,
  campaignIdParamsSchema,
  campaignSchema,
  createCampaignBodySchema,
  listCampaignsQuerySchema,
  listRecipientsQuerySchema,
  recipientPageSchema,
  updateCampaignBodySchema,
} from '../schemas/campaigns';
import { errorResponseSchema } from '../schemas/system';
import { z } from 'zod';

/** What the campaign routes need. */
export interface CampaignRouteDeps extends AuthDeps {
  dataSource: DataSource;
  config: AuthDeps['config'] & { temporal: { taskQueue: string } };
  temporalClient?: Client;
  logger: Logger;
}

const auth = ['cookie', 'bearer'] as const;
const notFound = { description: 'No such campaign (or not yours)', schema: errorResponseSchema };
const conflict = {
  description: 'The campaign’s status does not allow this',
  schema: errorResponseSchema,
  example: { error: 'Campaign is completed; it can be paused only when running' },
};

/**
 * Broadcast campaigns (session cookie or Bearer JWT): create and edit drafts, schedule, pause,
 * resume, cancel, read with totals, list, page through recipients, export recipients as CSV.
 */
export function createCampaignsRouter(deps: CampaignRouteDeps): Router<AppState> {
  const findOwn = async (id: string, user: Principal): Promise<Campaign> => {
    const campaign = await findCampaign(deps.dataSource, id);
    if (!campaign || campaign.userId !== user.id) throw new NotFoundError('Campaign not found');
    return campaign;
  };
  const withTotals = async (campaign: Campaign) => ({
    ...toCampaign(campaign),
    totals: await countCampaignRecipients(deps.dataSource, campaign.id),
  });
  const lifecycle = { ...deps, taskQueue: deps.config.temporal.taskQueue };

  const create = defineRoute({
    method: 'post',
    path: '/api/campaigns',
    tag: 'campaigns',
    summary: 'Create a campaign (draft)',
    description:
      'A draft: the template (by name and language, or from a template group) with parameters filled per recipient from `{{name}}`, `{{phone}}`, `{{attr.<key>}}` (`{{name|there}}` gives a default), an audience (`filter` over contacts, an explicit `list`, or `csv` text with a header row), an optional reply flow, start time, sending window and pace.',
    auth,
    request: { body: createCampaignBodySchema },
    responses: {
      201: {
        description: 'Created',
        schema: campaignSchema,
        example: { ...campaignExample, status: 'draft' },
      },
      404: { description: 'Unknown number, template group or flow', schema: errorResponseSchema },
      422: { description: 'Template parameters or CSV rejected', schema: errorResponseSchema },
    },
    handler: async (ctx, { body, auth }) => {
      const fields = await prepareCampaignFields(deps.dataSource, auth.user.id, body);
      const campaign = await insertCampaign(deps.dataSource, auth.user.id, {
        replyFlowId: null,
        startAt: null,
        sendingWindow: null,
        ...fields,
      } as Parameters<typeof insertCampaign>[2]);
      ctx.status = 201;
      ctx.body = toCampaign(campaign);
    },
  });

  const update = defineRoute({
    method: 'patch',
    path: '/api/campaigns/{id}',
    tag: 'campaigns',
    summary: 'Update a draft campaign',
    auth,
    request: { params: campaignIdParamsSchema, body: updateCampaignBodySchema },
    responses: {
      200: {
        description: 'The draft',
        schema: campaignSchema,
        example: { ...campaignExample, status: 'draft' },
      },
      404: notFound,
      409: { ...conflict, example: { error: 'Campaign is running; only drafts can be edited' } },
    },
    handler: async (ctx, { params, body, auth }) => {
      const campaign = await findOwn(params.id, auth.user);
      const fields = await prepareCampaignFields(deps.dataSource, auth.user.id, body);
      const updated = await updateDraft(deps.dataSource, campaign.id, fields);
      if (!updated) throw new ConflictError(`Campaign is ${campaign.status}; only drafts can be edited`);
      ctx.body = toCampaign(updated);
    },
  });

  const move = (name: CampaignMove, summary: string, description: string) =>
    defineRoute({
      method: 'post',
      path: `/api/campaigns/{id}/${name}`,
      tag: 'campaigns',
      summary,
      description,
      auth,
      request: { params: campaignIdParamsSchema },
      responses: {
        200: {
          description: 'The campaign after the change',
          schema: campaignSchema,
          example: campaignExample,
        },
        404: notFound,
        409: conflict,
      },
      handler: async (ctx, { params, auth }) => {
        ctx.body = toCampaign(await moveCampaign(lifecycle, await findOwn(params.id, auth.user), name));
      },
    });

  const read = defineRoute({
    method: 'get',
    path: '/api/campaigns/{id}',
    tag: 'campaigns',
    summary: 'Get a campaign with its totals',
    auth,
    request: { params: campaignIdParamsSchema },
    responses: {
      200: { description: 'The campaign', schema: campaignSchema, example: campaignExample },
      404: notFound,
    },
    handler: async (ctx, { params, auth }) => {
      ctx.body = await withTotals(await findOwn(params.id, auth.user));
    },
  });

  const list = defineRoute({
    method: 'get',
    path: '/api/campaigns',
    tag: 'campaigns',
    summary: 'List campaigns',
    description: 'The caller’s campaigns, newest first; `status` filters, `limit` (1–200) and `offset` page.',
    auth,
    request: { query: listCampaignsQuerySchema },
    responses: {
      200: { description: 'Campaigns', schema: campaignSchema.array(), example: [campaignExample] },
    },
    handler: async (ctx, { query, auth }) => {
      ctx.body = (await listCampaigns(deps.dataSource, auth.user.id, query)).map(toCampaign);
    },
  });

  const recipients = defineRoute({
    method: 'get',
    path: '/api/campaigns/{id}/recipients',
    tag: 'campaigns',
    summary: 'List a campaign’s recipients',
    description:
      'In sending order; `status` filters, `limit` (1–1000, default 100) and `after` (the previous page’s `nextAfter`) page.',
    auth,
    request: { params: campaignIdParamsSchema, query: listRecipientsQuerySchema },
    responses: {
      200: { description: 'One page', schema: recipientPageSchema },
      404: notFound,
    },
    handler: async (ctx, { params, query, auth }) => {
      const campaign = await findOwn(params.id, auth.user);
      const page = await listRecipients(deps.dataSource, campaign.id, query);
      ctx.body = {
        recipients: page.map(toRecipient),
        nextAfter: page.length === query.limit ? page[page.length - 1].id : null,
      };
    },
  });

  const exportCsv = defineRoute({
    method: 'get',
    path: '/api/campaigns/{id}/recipients.csv',
    tag: 'campaigns',
    summary: 'Export a campaign’s recipients as CSV',
    description: 'Columns: phone, status, errorCode, waMessageId, sentAt, repliedAt, parameters (JSON).',
    auth,
    request: { params: campaignIdParamsSchema },
    responses: {
      200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' },
      404: notFound,
    },
    handler: async (ctx, { params, auth }) => {
      const campaign = await findOwn(params.id, auth.user);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`campaign-${campaign.id}-recipients.csv`);
      ctx.body = await writeRecipientsCsv(deps.dataSource, campaign.id);
    },
  });

  return createRouter(deps, [
    create,
    list,
    read,
    update,
    move(
      'schedule',
      'Schedule a campaign',
      'Draft → scheduled: the run waits for `startAt` (now when null), then fixes the audience (contacts added later are not included) and sends.',
    ),
    move(
      'pause',
      'Pause a campaign',
      'Running → paused: sending stops after the current batch (at most about two seconds of sends).',
    ),
    move(
      'resume',
      'Resume a campaign',
      'Paused → running: sending continues with the next queued recipient.',
    ),
    move(
      'cancel',
      'Cancel a campaign',
      'Any state but completed or cancelled → cancelled: nothing more is sent; queued recipients stay queued.',
    ),
    recipients,
    exportCsv,
  ]);
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function toCampaign(campaign: Campaign) {
  return {
    id: campaign.id,
    name: campaign.name,
    whatsappAccountId: campaign.whatsappAccountId,
    template: campaign.template,
    audience:
      campaign.audience.type === 'list'
        ? { type: 'list', recipientCount: campaign.audience.recipients.length }
        : campaign.audience,
    replyFlowId: campaign.replyFlowId,
    startAt: iso(campaign.startAt),
    sendingWindow: campaign.sendingWindow,
    messagesPerSecond: campaign.messagesPerSecond,
    status: campaign.status,
    waitingFor: campaign.waitingFor,
    waitingUntil: iso(campaign.waitingUntil),
    startedAt: iso(campaign.startedAt),
    endedAt: iso(campaign.endedAt),
    createdAt: iso(campaign.createdAt) as string,
    updatedAt: iso(campaign.updatedAt) as string,
  };
}

function toRecipient(recipient: Awaited<ReturnType<typeof listRecipients>>[number]) {
  return {
    id: recipient.id,
    phone: recipient.phone,
    contactId: recipient.contactId,
    parameters: recipient.parameters,
    status: recipient.status,
    errorCode: recipient.errorCode,
    waMessageId: recipient.waMessageId,
    sentAt: iso(recipient.sentAt),
    repliedAt: iso(recipient.repliedAt),
  };
}
