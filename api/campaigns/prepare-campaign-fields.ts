/**
 * Turns a campaign body into stored fields: the number and reply flow must be the caller's, a
 * template group's template is resolved (name, language, parameter count checked), a CSV audience
 * becomes a list.
 */
import type { z } from 'zod';
import type { CampaignAudience, CampaignTemplate } from '../../entities/campaign';
import type { TemplateDefinition } from '../../entities/template-group';
import type { Queryable } from '../database/queryable';
import { NotFoundError, UnprocessableEntityError } from '../errors';
import { isFlowOf } from '../flows/flow-rows';
import type {
  campaignAudienceSchema,
  campaignTemplateSchema,
  updateCampaignBodySchema,
} from '../schemas/campaigns';
import { isAccountOf } from '../whatsapp/whatsapp-account-rows';
import { parseRecipientCsv } from './parse-recipient-csv';
import type { CampaignFields } from './campaign-rows';

type Body = z.infer<typeof updateCampaignBodySchema>;

/** The stored form of the fields present in `body`. */
export async function prepareCampaignFields(
  db: Queryable,
  userId: string,
  body: Body,
): Promise<Partial<CampaignFields>> {
  if (body.whatsappAccountId !== undefined && !(await isAccountOf(db, body.whatsappAccountId, userId))) {
    throw new NotFoundError('WhatsApp account not found');
  }
  if (body.replyFlowId && !(await isFlowOf(db, body.replyFlowId, userId))) {
    throw new NotFoundError('Reply flow not found');
  }
  return {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.whatsappAccountId !== undefined ? { whatsappAccountId: body.whatsappAccountId } : {}),
    ...(body.template !== undefined ? { template: await resolveTemplate(db, userId, body.template) } : {}),
    ...(body.audience !== undefined ? { audience: toStoredAudience(body.audience) } : {}),
    ...(body.replyFlowId !== undefined ? { replyFlowId: body.replyFlowId } : {}),
    ...(body.startAt !== undefined ? { startAt: body.startAt === null ? null : new Date(body.startAt) } : {}),
    ...(body.sendingWindow !== undefined ? { sendingWindow: body.sendingWindow } : {}),
    ...(body.messagesPerSecond !== undefined ? { messagesPerSecond: body.messagesPerSecond } : {}),
  };
}

function toStoredAudience(audience: z.infer<typeof campaignAudienceSchema>): CampaignAudience {
  if (audience.type === 'csv') return { type: 'list', recipients: parseRecipientCsv(audience.csv) };
  return audience;
}

async function resolveTemplate(
  db: Queryable,
  userId: string,
  template: z.infer<typeof campaignTemplateSchema>,
): Promise<CampaignTemplate> {
  if (template.templateGroupId === undefined) {
    return {
      name: template.name as string,
      language: template.language as string,
      ...(template.headerParamCount ? { headerParamCount: template.headerParamCount } : {}),
      parameters: template.parameters,
    };
  }
  const rows: { templates: TemplateDefinition[] }[] = await db.query(
    `SELECT templates FROM template_groups WHERE id = $1 AND "userId" = $2`,
    [template.templateGroupId, userId],
  );
  if (!rows[0]) throw new NotFoundError('Template group not found');
  const chosen = template.name
    ? rows[0].templates.find((candidate) => candidate.name === template.name)
    : rows[0].templates[0];
  if (!chosen) throw new UnprocessableEntityError('The template group has no such template');
  const expected = (chosen.headerParamCount ?? 0) + chosen.bodyParamCount;
  if (template.parameters.length !== expected) {
    throw new UnprocessableEntityError(
      `Template "${chosen.name}" takes ${expected} parameter(s) in template.parameters, got ${template.parameters.length}`,
    );
  }
  return {
    name: chosen.name,
    language: chosen.language,
    templateGroupId: template.templateGroupId,
    ...(chosen.headerParamCount ? { headerParamCount: chosen.headerParamCount } : {}),
    parameters: template.parameters,
  };
}
