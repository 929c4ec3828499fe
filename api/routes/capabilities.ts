import type { Router } from '@koa/router';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { CAPABILITIES, capabilityMapSchema } from '../capabilities/capability-map';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';

/** `GET /api/capabilities`: each platform capability and the exact API calls that implement it. */
export function createCapabilitiesRouter(deps: AuthDeps): Router<AppState> {
  const route = defineRoute({
    method: 'get',
    path: '/api/capabilities',
    tag: 'system',
    summary: 'Capability map',
    description:
      'Structured documentation of platform capabilities and the exact API calls used to implement each one (paths as in /api/openapi.json), in the order they are made. Rendered at /docs/capabilities.',
    auth: ['none'],
    responses: {
      200: {
        description: 'The capabilities',
        schema: capabilityMapSchema,
        example: { capabilities: [CAPABILITIES.find((capability) => capability.id === 'outbound-trigger')] },
      },
    },
    handler: (ctx) => {
      ctx.body = { capabilities: CAPABILITIES };
    },
  });
  return createRouter(deps, [route]);
}
