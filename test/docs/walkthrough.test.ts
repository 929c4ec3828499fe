/**
 * Runs the integration guide's walk-through (docs/walkthrough/<step>.sh, in the guide's order) as
 * one bash session against the real stack, after doing what the guide asks first: an admin made
 * with the CLI's create-user and a business number connected with connect-whatsapp. Then checks
 * what a person following it would see: every step answered, the customer got the template, the
 * flow's thank-you and the agent's reply, and the audit trail shows the customer's answer.
 * Needs bash, curl, jq and openssl; skipped with that message when one is missing.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { WALKTHROUGH_STEPS, walkthroughStepPath } from '../../api/openapi/integration-walkthrough';
import { connectWhatsapp } from '../../scripts/commands/connect-whatsapp';
import { createUser } from '../../scripts/commands/create-user';
import { randomPhone } from '../api/conversation-fixtures';
import { waitFor } from '../support/full-stack';
import { startSnippetStack, type SnippetStack } from './snippet-stack';

const run = promisify(execFile);

const missingTool = [
  ['curl', '--version'],
  ['jq', '--version'],
  ['openssl', 'version'],
].find(([tool, arg]) => spawnSync(tool, [arg], { stdio: 'ignore' }).status !== 0)?.[0];

/** Printed by the harness before each step, so output and failures name their step. */
const STEP_MARK = '### walkthrough step ';

let snippets: SnippetStack;
let cwd: string;
before(async () => {
  if (missingTool) return;
  snippets = await startSnippetStack();
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-walkthrough-'));
});
after(async () => {
  await snippets?.stop();
  if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
});

test(
  'the walk-through runs from log-in to audit trail against a real server',
  { skip: missingTool ? `${missingTool} is not installed` : false },
  async () => {
    const { stack } = snippets;
    const username = `admin_${Date.now()}`;
    const password = 'change me please';
    const phoneNumberId = String(Date.now()).slice(-9);
    // What the guide asks for before the walk-through (npm run cli -- create-user / connect-whatsapp).
    await createUser(stack.dataSource, { username, password, admin: true, approveApi: false });
    await connectWhatsapp(stack.dataSource, stack.activityConfig.dataEncryptionKey, {
      username,
      phoneNumberId,
      displayPhone: '+15551234567',
      accessToken: 'EAAG-walkthrough',
    });
    const phone = randomPhone();

    const script = WALKTHROUGH_STEPS.map(
      (step) => `echo '${STEP_MARK}${step.id}'\nsource '${walkthroughStepPath(step)}'`,
    ).join('\n');
    let stdout: string;
    // --norc: bash reads /etc/bash.bashrc when its stdin is a socket (as under node), as if run by rshd.
    try {
      ({ stdout } = await run('bash', ['--norc', '-euo', 'pipefail', '-c', script], {
        cwd,
        env: {
          PATH: process.env.PATH,
          HOME: cwd,
          BASE_URL: snippets.baseUrl,
          DATA_DIR: snippets.dataDir,
          FLOWBOT_USERNAME: username,
          FLOWBOT_PASSWORD: password,
          PHONE_NUMBER_ID: phoneNumberId,
          PHONE: phone,
        },
        timeout: 120_000,
      }));
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      const lastStep = failed.stdout?.split(STEP_MARK).at(-1)?.split('\n')[0];
      throw new Error(`walk-through step ${lastStep} failed: ${failed.stderr || failed.message}`, {
        cause: error,
      });
    }

    const outputs = Object.fromEntries(
      stdout
        .split(STEP_MARK)
        .slice(1)
        .map((chunk) => [chunk.slice(0, chunk.indexOf('\n')), chunk.slice(chunk.indexOf('\n') + 1)]),
    );
    assert.deepEqual(
      Object.keys(outputs),
      WALKTHROUGH_STEPS.map((step) => step.id),
    );
    assert.match(outputs['signed-lead'], /"message": "Lead received and flow started"/);
    assert.match(
      outputs['customer-answers'],
      /"direction":"inbound","type":"text","content":\{"text":"Yes please"/,
    );
    assert.match(outputs['agent-reply'], /"messageId": "wamid\./);
    assert.match(outputs['audit-trail'], /"eventType":"WorkflowExecutionSignaled"/);
    assert.match(outputs['audit-trail'], /send template lead_welcome/);

    // What the customer's phone receives, in order.
    await waitFor(
      () => stack.messagesTo(phone).length >= 3,
      15_000,
      'the template, the thank-you and the agent reply',
    );
    const sent = stack.messagesTo(phone);
    const texts = sent.map((message) =>
      message.type === 'template'
        ? `template ${(message.body.template as { name: string }).name}`
        : (message.body.text as { body: string }).body,
    );
    assert.equal(texts[0], 'template lead_welcome');
    assert.deepEqual(texts.slice(1).sort(), [
      'Hello John, an agent here. How can I help?',
      'Thanks John, you said: Yes please',
    ]);
  },
);
