import type { DataSource } from 'typeorm';
import type { TemplateDefinition } from '../../entities/template-group';
import type { OutgoingMessage } from '../../workflows/engine';
import { UnprocessableEntityError } from '../errors';
import type { ReplyBody } from '../schemas/conversations';
import { fillTemplateParams } from './fill-template-params';

type TemplateReply = Extract<ReplyBody, { messageType: 'template' }>;

/**
 * The template message of an agent's reply, checked like the outbound trigger's opening template:
 * the template (`templateName` in `templateLanguage`) must be in one of the template groups of the
 * conversation's owner — the groups are what FlowBot knows of the templates Meta approved — and
 * `templateParams` must match its parameters (header first, then body; {@link fillTemplateParams}).
 * 422 otherwise, and nothing is sent. When several groups hold the template, the most recently
 * updated one's definition counts.
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
    throw new UnprocessableEntityError(
      `Template "${body.templateName}" (${body.templateLanguage}) is in none of the template groups of this ` +
        'conversation’s account: add it to a template group first',
    );
  }
  return {
    kind: 'template',
    name: template.name,
    language: template.language,
    ...fillTemplateParams(template, body.templateParams, 'templateParams'),
  };
}
