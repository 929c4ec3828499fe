/**
 * Runs every snippet of the integration guide (docs/snippets/<flow>/<language>) against the real
 * stack, in the order an integrator would, each language with its own session and token, and
 * checks each output has the published success shape. cURL and Node.js always run; Python with
 * the system's python3 (standard library only); PHP when `php` with its curl extension is
 * installed (`apt-get install -y php-cli php-curl`), skipped with that message otherwise.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { z } from 'zod';
import {
  INTEGRATION_FLOWS,
  SNIPPET_LANGUAGES,
  snippetPath,
  type IntegrationFlow,
  type SnippetLanguage,
} from '../../api/openapi/integration-snippets';
import { randomUUID } from 'node:crypto';
import { signWebhook } from '../../activities/webhooks/sign-webhook';
import { randomPhone } from '../api/conversation-fixtures';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from '../webhooks/webhook-receiver';
import { startSnippetStack, type SnippetStack } from './snippet-stack';

const run = promisify(execFile);

/** How each language's snippet file is run, and why it cannot be here. */
const RUNNERS: Record<SnippetLanguage['id'], { command: string; args: string[]; missing: string | false }> = {
  curl: { command: 'bash', args: ['-eu'], missing: probe('curl', ['--version'], 'curl is not installed') },
  node: { command: process.execPath, args: [], missing: false },
  python: {
    command: 'python3',
    args: [],
    missing: probe('python3', ['--version'], 'python3 is not installed'),
  },
  php: {
    command: 'php',
    args: [],
    missing: probe(
      'php',
      ['-r', 'exit(function_exists("curl_init") ? 0 : 1);'],
      'php with the curl extension is not installed (apt-get install -y php-cli php-curl)',
    ),
  },
};

function probe(command: string, args: string[], message: string): string | false {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0 ? false : message;
}

const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  role: z.enum(['user', 'admin']),
});

/** The published success bodies (extra fields allowed, as the contract allows). */
const PUBLISHED_SHAPES: Record<string, z.ZodType> = {
  login: z.object({ user }),
  'api-token': z.object({
    success: z.literal(true),
    tokenType: z.literal('Bearer'),
    accessToken: z.string().regex(/^eyJ/),
    expiresInSec: z.literal(3600),
    clientNumber: z.string(),
    clientId: z.string(),
  }),
  'trigger-outbound': z.object({
    success: z.literal(true),
    message: z.string().startsWith('Outbound flow triggered for +'),
    flowId: z.string(),
  }),
  'lead-jwt': z.object({
    success: z.literal(true),
    message: z.literal('Lead received and flow started'),
    variables: z.tuple([z.literal('phone'), z.literal('name'), z.literal('email')]),
  }),
  'lead-hmac': z.object({
    success: z.literal(true),
    message: z.literal('Lead received and flow started'),
    variables: z.tuple([z.literal('phone'), z.literal('name')]),
  }),
  'list-flows': z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string().nullable().optional(),
        status: z.string(),
        createdAt: z.string(),
        updatedAt: z.string(),
      }),
    )
    .min(1),
  'list-conversations': z
    .array(
      z.object({
        id: z.string(),
        waPhoneNumber: z.string(),
        customerName: z.string().nullable(),
        flowId: z.string().nullable(),
        status: z.string(),
        lastMessage: z.string().nullable(),
        startedAt: z.string(),
        lastCustomerMessageAt: z.string().nullable(),
      }),
    )
    .min(1),
  'list-flow-revisions': z
    .array(z.object({ number: z.number().int(), current: z.boolean(), createdAt: z.string() }))
    .min(1),
  'diff-flow-revisions': z.object({
    number: z.number().int(),
    nodes: z.object({
      added: z.array(z.unknown()),
      removed: z.array(z.unknown()),
      changed: z.array(z.unknown()),
    }),
    connections: z.object({ added: z.array(z.unknown()), removed: z.array(z.unknown()) }),
  }),
  'rollback-flow': z.object({
    number: z.number().int(),
    current: z.literal(true),
    drawflowData: z.object({}).loose(),
    problems: z.array(z.unknown()),
  }),
  reply: z.object({
    success: z.literal(true),
    messageId: z.string().startsWith('wamid.'),
    windowOpen: z.literal(true),
  }),
  'import-contacts': z.object({ success: z.literal(true), created: z.literal(1), updated: z.literal(0) }),
  'list-contacts': z
    .array(
      z.object({
        id: z.string(),
        phone: z.string(),
        tags: z.array(z.string()),
        attributes: z.object({ city: z.literal('Haifa') }).loose(),
        optState: z.string(),
      }),
    )
    .min(1),
  'opt-out-settings': z.object({
    id: z.string(),
    optOutConfirmation: z.string().startsWith('You will no longer receive'),
    optOutKeywords: z.null(),
    optInKeywords: z.null(),
  }),
  'create-campaign': z.object({ id: z.string(), status: z.literal('draft') }),
  'schedule-campaign': z.object({ id: z.string(), status: z.literal('scheduled') }),
  'simulate-flow': z.object({
    flowId: z.string(),
    steps: z.array(z.object({ at: z.string(), messages: z.array(z.object({ text: z.string() })) })).min(1),
    outcome: z.object({ status: z.string() }),
  }),
  'takeover-release': z.object({
    success: z.literal(true),
    conversationId: z.string(),
    action: z.literal('release'),
  }),
  'campaign-progress': z.object({
    id: z.string(),
    status: z.enum(['scheduled', 'running', 'completed']),
    totals: z.object({ total: z.number() }),
  }),
  'flow-analytics': z.object({
    period: z.object({ from: z.string(), to: z.string() }),
    conversations: z.object({
      started: z.number().int().positive(),
      completed: z.number().int(),
      failed: z.number().int(),
      handedOver: z.number().int(),
    }),
    nodes: z
      .array(
        z.object({
          nodeId: z.string(),
          type: z.string(),
          entered: z.number().int(),
          left: z.record(z.string(), z.number().int()),
          dropped: z.number().int(),
        }),
      )
      .min(1),
  }),
  'generate-flow': z.object({
    success: z.literal(true),
    flow: z.object({
      id: z.string(),
      name: z.string(),
      status: z.literal('draft'),
      drawflowData: z.object({}).loose(),
    }),
    nodeCount: z.number().int().positive(),
    message: z.string(),
  }),
  'webhook-endpoint': z.object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.tuple([
      z.literal('conversation.completed'),
      z.literal('handoff.requested'),
      z.literal('variable.captured'),
    ]),
    enabled: z.literal(true),
    secret: z.string().startsWith('whsec_'),
  }),
  'verify-webhook': z.object({
    verified: z.literal(true),
    id: z.string(),
    type: z.literal('conversation.completed'),
  }),
};

let snippets: SnippetStack;
let documentedRoutes: Set<string>;
/** The integrator's endpoint: answers 2xx only to requests signed with a secret the guide's snippets got. */
let endpoint: WebhookReceiver;
const endpointSecrets = new Set<string>();

before(async () => {
  [snippets, endpoint] = await Promise.all([startSnippetStack(), startWebhookReceiver()]);
  endpoint.answer = ({ headers, body }) => {
    if (![...endpointSecrets].some((secret) => verifyWebhook(secret, headers, body)))
      return { status: 401, json: { error: 'Invalid signature' } };
    const event = JSON.parse(body) as { id: string; type: string };
    return { status: 200, json: { verified: true, id: event.id, type: event.type } };
  };
  const document = (await (await fetch(`${snippets.baseUrl}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  documentedRoutes = new Set(
    Object.entries(document.paths).flatMap(([route, item]) =>
      Object.keys(item).map((method) => `${method} ${route}`),
    ),
  );
});
after(async () => {
  await snippets?.stop();
  await endpoint?.stop();
});

/** A sample event as FlowBot's delivery activity signs it, for the receiver-side snippets. */
function signedSampleEvent(secret: string): NodeJS.ProcessEnv {
  const body = JSON.stringify({
    id: randomUUID(),
    type: 'conversation.completed',
    createdAt: new Date().toISOString(),
    data: { status: 'completed' },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    WEBHOOK_BODY: body,
    WEBHOOK_TIMESTAMP: String(timestamp),
    WEBHOOK_SIGNATURE: signWebhook(secret, timestamp, body),
  };
}

/** Runs one snippet file with `env`; resolves with its parsed JSON output. */
async function runSnippet(
  flow: IntegrationFlow,
  language: SnippetLanguage,
  cwd: string,
  env: NodeJS.ProcessEnv,
) {
  const runner = RUNNERS[language.id];
  try {
    const { stdout } = await run(runner.command, [...runner.args, snippetPath(flow, language)], {
      cwd,
      env: { PATH: process.env.PATH, HOME: cwd, ...env },
      timeout: 120_000,
    });
    return JSON.parse(stdout) as unknown;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${flow.id}/${language.file} failed: ${failed.stderr || failed.stdout || failed.message}`,
      {
        cause: error,
      },
    );
  }
}

for (const language of SNIPPET_LANGUAGES) {
  describe(`integration guide snippets in ${language.label}`, { skip: RUNNERS[language.id].missing }, () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), `flowbot-snippets-${language.id}-`));
    after(() => fs.rmSync(cwd, { recursive: true, force: true }));
    // What the integrator has at hand; each step adds what the previous ones answered.
    const env: NodeJS.ProcessEnv = {};

    for (const flow of INTEGRATION_FLOWS) {
      test(flow.title, async (t) => {
        const route = `${flow.route.method} ${flow.route.path}`;
        if (!documentedRoutes.has(route)) {
          t.skip(`${flow.route.method.toUpperCase()} ${flow.route.path} is not mounted in buildApp yet`);
          return;
        }
        const { account } = snippets;
        Object.assign(env, {
          BASE_URL: snippets.baseUrl,
          FLOWBOT_USERNAME: account.username,
          FLOWBOT_PASSWORD: account.password,
          FLOWBOT_CLIENT_ID: account.clientId,
          FLOWBOT_API_KEY: account.apiKey,
          FLOW_ID: account.flowId,
          TEMPLATE_GROUP_ID: account.templateGroupId,
          FLOW_HMAC_SECRET: account.hmacSecret,
          WHATSAPP_ACCOUNT_ID: account.tenant.accountId,
          // One open conversation per customer: every trigger gets a new number.
          PHONE: randomPhone(),
          WEBHOOK_URL: endpoint.url,
        });
        if (flow.id === 'reply') env.CONVERSATION_ID = await snippets.openConversation();
        if (flow.id === 'verify-webhook') Object.assign(env, signedSampleEvent(env.WEBHOOK_SECRET as string));
        if (flow.id === 'takeover-release') env.CONVERSATION_ID = await snippets.runningConversation();

        const output = await runSnippet(flow, language, cwd, env);
        const parsed = PUBLISHED_SHAPES[flow.id].safeParse(output);
        assert.ok(parsed.success, `${flow.id}: ${parsed.error?.message}\n${JSON.stringify(output, null, 2)}`);

        if (flow.id === 'login') {
          assert.equal((output as { user: { username: string } }).user.username, account.username);
          if (language.id === 'curl')
            assert.match(fs.readFileSync(path.join(cwd, 'cookies.txt'), 'utf8'), /flowbot_session/);
        }
        if (flow.id === 'create-campaign') env.CAMPAIGN_ID = (output as { id: string }).id;
        if (flow.id === 'webhook-endpoint') {
          env.WEBHOOK_SECRET = (output as { secret: string }).secret;
          endpointSecrets.add(env.WEBHOOK_SECRET);
        }
        if (flow.id === 'list-flow-revisions')
          env.REVISION = String((output as { number: number }[])[0].number);
        if (flow.id === 'api-token') env.FLOWBOT_TOKEN = (output as { accessToken: string }).accessToken;
        if (flow.id === 'trigger-outbound') {
          assert.equal((output as { message: string }).message, `Outbound flow triggered for ${env.PHONE}`);
        }
      });
    }
  });
}
