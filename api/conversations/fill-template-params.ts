import type { TemplateDefinition } from '../../entities/template-group';
import { UnprocessableEntityError } from '../errors';

/** A template's parameters as Graph takes them: the header's, then the body's. */
export interface TemplateParams {
  headerParams?: string[];
  bodyParams: string[];
}

/**
 * Splits the caller's parameters into the template's header parameters (`headerParamCount`, first)
 * and body parameters, in order. Their number must match the template exactly: otherwise 422 naming
 * `field` (where the caller put them) and both counts, and nothing is sent. Shared by the outbound
 * trigger's opening template and the agent's template reply.
 */
export function fillTemplateParams(
  template: TemplateDefinition,
  params: string[],
  field: string,
): TemplateParams {
  const headerCount = template.headerParamCount ?? 0;
  const expected = headerCount + template.bodyParamCount;
  if (params.length !== expected) {
    throw new UnprocessableEntityError(
      `Template "${template.name}" takes ${expected} parameter(s) in ${field}, got ${params.length}`,
    );
  }
  return {
    ...(headerCount > 0 ? { headerParams: params.slice(0, headerCount) } : {}),
    bodyParams: params.slice(headerCount),
  };
}
