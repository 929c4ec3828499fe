import type { HttpMethod } from '../routing/route-definition';

/**
 * A stable operationId from method and path, unique because method + path is:
 * `post /api/webhook/flow/{flowId}/lead` → `postWebhookFlowByFlowIdLead`.
 * Summaries would read nicer but nothing keeps them unique.
 */
export function toOperationId(method: HttpMethod, path: string): string {
  const words = path
    .split('/')
    .filter((segment, index) => segment !== '' && !(index === 1 && segment === 'api'))
    .flatMap((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      return param ? ['by', param[1]] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return [method, ...words.map((word) => word[0].toUpperCase() + word.slice(1))].join('');
}
