import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { createTemporalTestEnv } from '../support/temporal-env';
import { startConformanceEnv } from './conformance-env';
import type * as wf from './workflows';

describe('emulator executable through TestWorkflowEnvironment', () => {
  it('createLocal (real time) runs a one-activity workflow', async () => {
    const c = await startConformanceEnv({ echo: async (v) => v }, { timeSkipping: false });
    try {
      assert.equal(c.env.supportsTimeSkipping, false);
      const result = await c.env.client.workflow.execute<typeof wf.oneActivityWorkflow>(
        'oneActivityWorkflow',
        {
          taskQueue: c.taskQueue,
          workflowId: randomUUID(),
          args: ['real time'],
        },
      );
      assert.equal(result, 'real time');
    } finally {
      await c.close();
    }
  });

  it('createTimeSkipping: env.sleep advances the virtual clock without waiting', async () => {
    const env = await createTemporalTestEnv();
    try {
      if (!env.supportsTimeSkipping) return; // a real server runs in real time
      const before = await env.currentTimeMs();
      const wall = Date.now();
      await env.sleep('1 day');
      const advanced = (await env.currentTimeMs()) - before;
      assert.ok(advanced >= 24 * 3600 * 1000, `clock advanced ${advanced} ms`);
      assert.ok(Date.now() - wall < 1_000);
    } finally {
      await env.teardown();
    }
  });
});
