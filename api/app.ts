import type { Client } from '@temporalio/client';
import { Router } from '@koa/router';
import Koa from 'koa';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { AppState } from './app-state';
import { answerUnroutedRequests } from './middleware/answer-unrouted-requests';
import { handleErrors } from './middleware/handle-errors';
import { logRequests } from './middleware/log-requests';
import { parseRequestBody } from './middleware/parse-request-body';
import { refuseCrossSiteRequests } from './middleware/refuse-cross-site-requests';
import { assignRequestId } from './middleware/request-id';
import { setSecurityHeaders } from './middleware/security-headers';
import type { LoginRateLimits } from './auth/login-rate-limiter';
import { createAdminRouter } from './routes/admin';
import { createAuthRouter } from './routes/auth';
import { createCampaignsRouter } from './routes/campaigns';
import { createCapabilitiesRouter } from './routes/capabilities';
import { createConsoleRouter } from './routes/console';
import { createDocsRouter } from './routes/docs';
import { createFlowGenerationRouter } from './routes/flow-generation';
import { createFlowLifecycleRouter } from './routes/flow-lifecycle';
import { createFlowAnalyticsRouter } from './routes/flow-analytics';
import { createFlowRevisionsRouter } from './routes/flow-revisions';
import { createFlowRunsRouter } from './routes/flow-runs';
import { createFlowSimulatorRouter } from './routes/flow-simulator';
import { createFlowsRouter } from './routes/flows';
import { createHealthRouter } from './routes/health';
import { createOpenApiRouter } from './routes/openapi';
import { createSettingsRouter } from './routes/settings';
import { createContactsRouter } from './routes/contacts';
import { createTemplateGroupsRouter } from './routes/template-groups';
import { createWhatsappAccountsRouter } from './routes/whatsapp-accounts';
import { readRouteCatalogue } from './routing/create-router';
import type { AnyRouteDefinition } from './routing/route-definition';
import { createConversationsRouter } from './routes/conversations';
import { createWebhookEndpointsRouter } from './routes/webhook-endpoints';
import { createWebhookTriggersRouter } from './routes/webhook-triggers';
import { createWhatsAppWebhookRouter } from './routes/whatsapp-webhook';

/** Everything the HTTP API needs; built by api/main.ts or scripts/start.ts, or by a test. */
export interface AppDeps {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
  /** Resolves when Temporal answers (used by /readyz). */
  checkTemporal: () => Promise<void>;
  /** Temporal client for starting and signalling workflows; tests of other routes may omit it. */
  temporalClient?: Client;
  /** Failed-login limits (defaults in api/auth/login-rate-limiter.ts); tests lower them. */
  loginRateLimits?: Partial<LoginRateLimits>;
}

const routeCatalogues = new WeakMap<Koa<AppState>, readonly AnyRouteDefinition[]>();

/**
 * Every route of an app built by {@link buildApp}, as declared with defineRoute: the source of the
 * OpenAPI document. Read it at request time (`routeCatalogueOf(ctx.app)`).
 */
export function routeCatalogueOf(app: Koa<AppState>): readonly AnyRouteDefinition[] {
  const catalogue = routeCatalogues.get(app);
  if (!catalogue) throw new Error('Not an app built by buildApp');
  return catalogue;
}

/**
 * Builds the Koa application without listening, so tests serve it on port 0 and processes
 * decide their own ports. Middleware order matters: the security headers are set first (every
 * response carries them), the request id and the request log wrap everything (so error responses
 * are logged with their final status), the error middleware wraps body parsing and routes, and
 * unmatched requests end in a 405 or a 404.
 *
 * To add a domain: write `api/routes/<domain>.ts` exporting `create<Domain>Router(deps)` and
 * mount it in the list below.
 */
export function buildApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  // Errors are answered and logged by handleErrors; Koa's default handler would print stacks.
  app.silent = true;
  // Behind TLS-terminating proxies: ctx.secure (Secure cookies) and ctx.ip from X-Forwarded-*.
  // maxIpsCount keeps the rightmost N addresses, so ctx.ip is the one our outermost proxy saw.
  app.proxy = deps.config.proxyHops > 0;
  app.maxIpsCount = deps.config.proxyHops;
  app.on('error', (error: unknown) => deps.logger.error({ err: error }, 'unhandled Koa error'));

  app.use(setSecurityHeaders());
  app.use(assignRequestId(deps.logger));
  app.use(logRequests());
  app.use(handleErrors());
  // Before the body is read: a forged request is refused without parsing what it sent.
  app.use(refuseCrossSiteRequests([new URL(deps.config.publicBaseUrl).origin]));
  app.use(parseRequestBody());
  // Wraps the routers: a request none of them answered becomes a 405 (with Allow) or a 404.
  app.use(answerUnroutedRequests());

  const root = new Router<AppState>();
  const routers = [
    createHealthRouter(deps),
    createAuthRouter(deps),
    createSettingsRouter(deps),
    createAdminRouter(deps),
    createFlowsRouter(deps),
    createFlowGenerationRouter(deps),
    createFlowLifecycleRouter(deps),
    createFlowRevisionsRouter(deps),
    createFlowRunsRouter(deps),
    createFlowSimulatorRouter(deps),
    createFlowAnalyticsRouter(deps),
    createTemplateGroupsRouter(deps),
    createContactsRouter(deps),
    createWhatsappAccountsRouter(deps),
    createWebhookTriggersRouter(deps),
    createWebhookEndpointsRouter(deps),
    createConversationsRouter(deps),
    createCampaignsRouter(deps),
    createWhatsAppWebhookRouter(deps),
    createOpenApiRouter(deps),
    createCapabilitiesRouter(deps),
    createDocsRouter(deps),
    createConsoleRouter(deps),
  ];
  for (const router of routers) {
    root.use(router.routes());
  }
  // Throws when a router holds a route not declared with defineRoute: no route without its docs.
  routeCatalogues.set(app, readRouteCatalogue(routers));
  app.use(root.routes());
  // Without throw: it only sets the status and Allow, which answerUnroutedRequests turns into {"error"}.
  app.use(root.allowedMethods());

  return app;
}
