import type { DataSource } from 'typeorm';
import type { TemplateDefinition } from '../../entities/template-group';
import type { OutgoingMessage } from '../../workflows/engine';
import type { ReplyBody } from '../schemas/conversations';
import { fillTemplateParams } from './fill-template-params';

type TemplateReply = Extract<ReplyBody, { messageType: 'template' }>;

/**
 * The template message of an agent's reply. When the template (`templateName` in
 * `templateLanguage`) is in one of the template groups of the conversation's owner — what FlowBot
 * knows of the templates Meta approved — `templateParams` must match its parameters, as for the
 * outbound trigger (header first, then body; {@link fillTemplateParams}): 422 otherwise, nothing sent.
 * A template FlowBot has no definition of is sent as published (the parameters fill its body) and
 * Meta checks it: the published reply call never required a template group.
 * When several groups hold the template, the most recently updated one's definition counts.
 */
export async function buildReplyTemplate(
  dataSource: DataSource,
  ownerId: string,
  body: TemplateReply,
): Promise<Extract<OutgoingMessage, { kind: 'template' }>> {
  const rows: { template: TemplateDefinition }[] = await dataSource.query(
    `SELECT template FROM template_groups, jsonb_array_elements(templates) AS template
      WHERE "userId" = $1 AND template->>'name' = $2 AND template->>'language' = $3
      ORDER BY "updatedAt" DESC LIMIT 1`,
    [ownerId, body.templateName, body.templateLanguage],
  );
  const template = rows[0]?.template;
  if (!template) {
    return {
      kind: 'template',
      name: body.templateName,
      language: body.templateLanguage,
      bodyParams: body.templateParams,
    };
  }
  return {
    kind: 'template',
    name: template.name,
    language: template.language,
    ...fillTemplateParams(template, body.templateParams, 'templateParams'),
  };
}
