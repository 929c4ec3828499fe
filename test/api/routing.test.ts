import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Router } from '@koa/router';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AppState } from '../../api/app-state';
import { createRouter, readRouteCatalogue, toKoaPath } from '../../api/routing/create-router';
import { defineRoute } from '../../api/routing/define-route';

const deps = { dataSource: {} as DataSource, config: { jwtSecret: 'x'.repeat(32) } };

const ping = defineRoute({
  method: 'post',
  path: '/api/ping/{id}',
  tag: 'system',
  summary: 'Ping',
  auth: ['none'],
  request: { params: z.object({ id: z.string() }), body: z.object({ n: z.number() }) },
  responses: { 200: { description: 'Pong', schema: z.object({ n: z.number() }) } },
  handler: (ctx, { body }) => {
    ctx.body = { n: body.n };
  },
});

test('createRouter mounts declared routes and keeps their definitions as the catalogue', () => {
  const router = createRouter(deps, [ping]);
  assert.deepEqual(
    router.stack.map((layer) => [layer.path, layer.methods]),
    [['/api/ping/:id', ['POST']]],
  );
  assert.deepEqual(readRouteCatalogue([router]), [ping]);
  assert.equal(toKoaPath('/api/flows/{id}/runs/{workflowId}'), '/api/flows/:id/runs/:workflowId');
});

test('a router with a route that was not declared with defineRoute is refused', () => {
  const raw = new Router<AppState>();
  raw.get('/api/secret', (ctx) => {
    ctx.body = 'undocumented';
  });
  assert.throws(() => readRouteCatalogue([raw]), /declare every route with defineRoute/);
  const mixed = createRouter(deps, [ping]);
  mixed.get('/api/sneaky', () => undefined);
  assert.throws(() => readRouteCatalogue([mixed]), /\/api\/sneaky/);
});
