/**
 * Runs started by earlier code must replay on today's: a worker that replays a run's history with
 * changed workflow or engine code and gets different commands fails that run's tasks for good
 * (non-determinism). Each file in test/fixtures/histories/ is a history recorded by an earlier
 * version (test/support/record-histories.ts); it is replayed here with the current bundle.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { flowWorkflowBundle } from '../support/full-stack';
import { HISTORIES_DIR } from '../support/record-histories';

const files = fs.readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));

test('recorded histories are there to replay', () => {
  assert.ok(files.length >= 3, `expected recorded histories in ${HISTORIES_DIR}`);
});

for (const file of files) {
  test(`replays ${file} with the current workflow code`, { timeout: 120_000 }, async () => {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8'));
    const history = temporal.api.history.v1.History.fromObject(json as Record<string, unknown>);
    await Worker.runReplayHistory({ workflowBundle: await flowWorkflowBundle() }, history, file);
  });
}
