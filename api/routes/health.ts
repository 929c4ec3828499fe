import type { Router } from '@koa/router';
import type { DataSource } from 'typeorm';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { pingDatabase } from '../database/ping-database';
import { ServiceUnavailableError } from '../errors';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import { errorResponseSchema, livenessResponseSchema, readinessResponseSchema } from '../schemas/system';

/** What the health routes need. */
export interface HealthRouteDeps extends AuthDeps {
  dataSource: DataSource;
  /** Resolves when the Temporal frontend answers; rejects otherwise. */
  checkTemporal: () => Promise<void>;
  /** How long each readiness check may take (default 2000 ms). */
  readinessTimeoutMs?: number;
}

/**
 * `GET /healthz`: the process is up (for restarts). `GET /readyz`: the database and Temporal
 * answer (for routing traffic); 503 naming every dependency that is down.
 */
export function createHealthRouter(deps: HealthRouteDeps): Router<AppState> {
  const timeoutMs = deps.readinessTimeoutMs ?? 2000;

  const liveness = defineRoute({
    method: 'get',
    path: '/healthz',
    tag: 'system',
    summary: 'Liveness',
    description: 'Answers while the process is up (for restarts).',
    auth: ['none'],
    responses: { 200: { description: 'Up', schema: livenessResponseSchema, example: { status: 'ok' } } },
    handler: (ctx) => {
      ctx.body = { status: 'ok' };
    },
  });

  const readiness = defineRoute({
    method: 'get',
    path: '/readyz',
    tag: 'system',
    summary: 'Readiness',
    description:
      'The database and Temporal answer (for routing traffic); 503 naming every dependency that is down.',
    auth: ['none'],
    responses: {
      200: { description: 'Ready', schema: readinessResponseSchema, example: { status: 'ready' } },
      503: {
        description: 'A dependency is down',
        schema: errorResponseSchema,
        example: { error: 'Not ready: Temporal unreachable' },
      },
    },
    handler: async (ctx) => {
      const checks = {
        database: () => pingDatabase(deps.dataSource),
        Temporal: deps.checkTemporal,
      };
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await withTimeout(check(), timeoutMs);
            return undefined;
          } catch (error) {
            ctx.state.logger.warn({ err: error, dependency: name }, 'readiness check failed');
            return name;
          }
        }),
      );
      const down = results.filter((name): name is string => name !== undefined);
      if (down.length > 0) throw new ServiceUnavailableError(`Not ready: ${down.join(' and ')} unreachable`);
      ctx.body = { status: 'ready' };
    },
  });

  return createRouter(deps, [liveness, readiness]);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
