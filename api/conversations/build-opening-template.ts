import type { DataSource } from 'typeorm';
import type { TemplateDefinition } from '../../entities/template-group';
import type { OpeningTemplate } from '../../workflows/definitions';
import { NotFoundError, UnprocessableEntityError } from '../errors';
import { isUuid } from '../routing/is-uuid';
import { fillTemplateParams } from './fill-template-params';

/** What the outbound trigger's caller says about the opening template. */
export interface OpeningTemplateRequest {
  ownerId: string;
  templateGroupId: string;
  /** Picks a template of the group by name; the group's first template otherwise. */
  templateName?: string;
  templateParams?: string[];
  /** The one-time code of an authentication template. */
  code?: string;
}

const NOT_FOUND = 'Template group not found';

/**
 * Loads the caller's template group and fills the chosen template:
 * - `templateParams` fill the header's parameters first (`headerParamCount`), then the body's, in
 *   order; their number must match exactly (422 otherwise, nothing sent): {@link fillTemplateParams}.
 * - Authentication templates (category `AUTHENTICATION`) need `code`: it becomes the parameter of
 *   the copy-code / one-tap button (button 0, sub-type `url`, as Graph expects), and the body's
 *   `{{1}}` when `templateParams` is omitted.
 */
export async function buildOpeningTemplate(
  dataSource: DataSource,
  request: OpeningTemplateRequest,
): Promise<OpeningTemplate> {
  if (!isUuid(request.templateGroupId)) throw new NotFoundError(NOT_FOUND);
  const rows: { templates: TemplateDefinition[] }[] = await dataSource.query(
    `SELECT templates FROM template_groups WHERE id = $1 AND "userId" = $2`,
    [request.templateGroupId, request.ownerId],
  );
  const group = rows[0];
  if (!group) throw new NotFoundError(NOT_FOUND);
  const template = chooseTemplate(group.templates, request.templateName);
  return fillTemplate(template, request);
}

function chooseTemplate(templates: TemplateDefinition[], name: string | undefined): TemplateDefinition {
  if (templates.length === 0) throw new UnprocessableEntityError('The template group has no templates');
  if (name === undefined) return templates[0];
  const chosen = templates.find((template) => template.name === name);
  if (!chosen) throw new UnprocessableEntityError(`The template group has no template named "${name}"`);
  return chosen;
}

function fillTemplate(template: TemplateDefinition, request: OpeningTemplateRequest): OpeningTemplate {
  const isAuthentication = template.category?.toUpperCase() === 'AUTHENTICATION';
  if (isAuthentication && request.code === undefined) {
    throw new UnprocessableEntityError(
      `Template "${template.name}" is an authentication template: data.code is required`,
    );
  }
  const codeFillsBody = (template.headerParamCount ?? 0) === 0 && template.bodyParamCount === 1;
  const params =
    request.templateParams ?? (isAuthentication && codeFillsBody ? [request.code as string] : []);
  return {
    name: template.name,
    language: template.language,
    ...fillTemplateParams(template, params, 'data.templateParams'),
    ...(isAuthentication
      ? { buttonParams: [{ index: 0, subType: 'url' as const, value: request.code as string }] }
      : {}),
  };
}
