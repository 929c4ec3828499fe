/**
 * `POST /api/flows/generate` (multipart/form-data: `prompt`, optional `file`): an AI-generated flow,
 * saved as a draft of the caller. See docs/flow-generation.md.
 */
import path from 'node:path';
import { Router } from '@koa/router';
import type { Client } from '@temporalio/client';
import type { Middleware } from 'koa';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../platform/config';
import { GENERATION_UPLOADS_FOLDER } from '../../workflows/generate-flow-definitions';
import type { AppState } from '../app-state';
import { ServiceUnavailableError, UnauthorizedError } from '../errors';
import { generateFlow, NOT_CONFIGURED_MESSAGE } from '../flow-generation/generate-flow';
import { parseGenerationForm, readGenerationForm } from '../flow-generation/parse-generation-form';

/** What the route needs. */
export interface FlowGenerationRouteDeps {
  config: Pick<AppConfig, 'openai' | 'dataDir' | 'temporal'>;
  dataSource: DataSource;
  temporalClient?: Client;
  /** Authenticates the caller (cookie or Bearer) and sets `ctx.state.user`. */
  authenticate: Middleware<AppState>;
  /** Whole-run deadline of one generation (default 5 minutes). */
  runTimeoutMs?: number;
}

interface AuthenticatedState extends AppState {
  user?: { id: string };
}

/** The directory uploads wait in while their generation runs: the API writes, the worker reads. */
export function generationUploadDir(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, GENERATION_UPLOADS_FOLDER);
}

/** Builds the router of `POST /api/flows/generate`. */
export function createFlowGenerationRouter(deps: FlowGenerationRouteDeps): Router<AppState> {
  const router = new Router<AppState>();
  const uploadDir = generationUploadDir(deps.config);
  const requireModel: Middleware<AppState> = async (_ctx, next) => {
    // Before the body is read: no point receiving 10 MB that cannot be used.
    if (!deps.config.openai.apiKey) throw new ServiceUnavailableError(NOT_CONFIGURED_MESSAGE);
    await next();
  };

  router.post(
    '/api/flows/generate',
    deps.authenticate,
    requireModel,
    ...parseGenerationForm(uploadDir),
    async (ctx) => {
      const state = ctx.state as AuthenticatedState;
      if (!state.user) throw new UnauthorizedError();
      const form = readGenerationForm(ctx.request.body, ctx.request.files);
      ctx.body = await generateFlow(
        {
          dataSource: deps.dataSource,
          temporalClient: deps.temporalClient,
          taskQueue: deps.config.temporal.taskQueue,
          uploadDir,
          runTimeoutMs: deps.runTimeoutMs,
        },
        state.user.id,
        form,
      );
    },
  );
  return router;
}
