/**
 * Writes one ready-to-use tenant straight into the database: an approved user with an API key, one
 * or more WhatsApp business numbers (pointing at the fake Graph API's token), an active flow and a
 * template group. The fault suite and the benchmarks need this before the first request, and going
 * through the admin routes would make every scenario depend on them.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiClient, Flow, TemplateGroup, User, WhatsappAccount } from '../../entities';
import {
  encryptSecret,
  generateToken,
  hashPassword,
  hashToken,
  parseEncryptionKey,
} from '../../platform/secrets';
import { flow } from './flow-builder';

/** The opening template every seeded flow and template group uses (one body parameter). */
export const SEEDED_TEMPLATE = { name: 'bench_opening', language: 'en' } as const;

/** Answers a seeded conversation takes: the opening template asks the first question. */
export const SEEDED_ANSWERS = 3;

/**
 * Prompts the seeded flow sends after the first and second answers. The first question has no
 * prompt of its own: after a lead or an outbound trigger the 24-hour window is closed until the
 * customer answers, so only the template may ask it.
 */
export const SEEDED_PROMPTS = ['Second question?', 'Third question?'] as const;

/** Text of the message that closes a seeded conversation. */
export const SEEDED_GOODBYE_PREFIX = 'Thanks, ';

/**
 * The flow every seeded tenant runs: template (asks) → wait for answer 1 → prompt 2 → answer 2 →
 * prompt 3 → answer 3 → a goodbye that repeats the first answer → end (a day to answer each).
 * Each customer answer causes exactly one next message, which turnaround and fault checks count:
 * four messages per conversation.
 */
export function buildSeededFlowDocument(): Record<string, unknown> {
  const builder = flow()
    .start()
    .then('template', { ...SEEDED_TEMPLATE, bodyParams: ['{{name}}'] })
    .then('question', { variable: 'answer_1', validation: 'text', timeoutMinutes: 1440 });
  SEEDED_PROMPTS.forEach((prompt, index) =>
    builder.then('question', {
      prompt,
      variable: `answer_${index + 2}`,
      validation: 'text',
      timeoutMinutes: 1440,
    }),
  );
  return builder
    .then('message', { text: `${SEEDED_GOODBYE_PREFIX}{{answer_1}}` })
    .then('end', {})
    .build() as unknown as Record<string, unknown>;
}

/** What a seeded tenant holds; every secret in plain text so tests can authenticate. */
export interface SeededTenant {
  userId: string;
  username: string;
  password: string;
  clientId: string;
  apiKey: string;
  flowId: string;
  /** Legacy per-flow credentials of `flowId`. */
  outboundToken: string;
  hmacSecret: string;
  templateGroupId: string;
  /** Business numbers, each with its Meta phone_number_id. */
  accounts: { id: string; phoneNumberId: string }[];
  /** Access token stored (encrypted) on every account. */
  accessToken: string;
}

/** Options of {@link seedTenant}. */
export interface SeedTenantOptions {
  /** DATA_ENCRYPTION_KEY the API and worker use (hex or base64). */
  dataEncryptionKey: string;
  /** How many business numbers (default 1); the flow is attached to the first. */
  accounts?: number;
  /** Per-number send rate stored on each account (WhatsApp's default tier is 80). */
  messagesPerSecond?: number;
  role?: 'admin' | 'user';
}

/** Inserts a tenant; unique names per call, so several tenants can share a database. */
export async function seedTenant(dataSource: DataSource, options: SeedTenantOptions): Promise<SeededTenant> {
  const key = parseEncryptionKey(options.dataEncryptionKey);
  if (!key) throw new Error('seedTenant: dataEncryptionKey is not a valid key');
  const suffix = randomBytes(4).toString('hex');
  const password = `pw-${generateToken(12)}`;
  const apiKey = `sk_${generateToken(24)}`;
  const clientId = `aiflow_${suffix}${generateToken(6)}`;
  const outboundToken = generateToken(24);
  const hmacSecret = generateToken(24);
  const accessToken = `EAAG${generateToken(16)}`;

  return await dataSource.transaction(async (manager) => {
    const user = await manager.save(User, {
      username: `tenant_${suffix}`,
      displayName: `Tenant ${suffix}`,
      email: `tenant_${suffix}@example.com`,
      role: options.role ?? 'user',
      passwordHash: await hashPassword(password),
      apiAccessApproved: true,
      disabled: false,
    });
    await manager.save(ApiClient, { userId: user.id, clientId, apiKeyHash: hashToken(apiKey) });
    const accounts: { id: string; phoneNumberId: string }[] = [];
    for (let i = 0; i < (options.accounts ?? 1); i++) {
      const phoneNumberId = `${Date.now() % 1e9}${i}${Math.floor(Math.random() * 1e6)}`;
      const account = await manager.save(WhatsappAccount, {
        userId: user.id,
        phoneNumberId,
        displayPhoneNumber: `+1555${String(1_000_000 + i).slice(-7)}`,
        accessTokenEncrypted: encryptSecret(accessToken, key),
        messagesPerSecond: options.messagesPerSecond ?? 80,
      });
      accounts.push({ id: account.id, phoneNumberId });
    }
    const saved = await manager.save(Flow, {
      userId: user.id,
      whatsappAccountId: accounts[0].id,
      name: `Seeded flow ${suffix}`,
      status: 'active',
      drawflowData: buildSeededFlowDocument(),
      outboundTokenHash: hashToken(outboundToken),
      hmacSecretEncrypted: encryptSecret(hmacSecret, key),
    });
    const group = await manager.save(TemplateGroup, {
      userId: user.id,
      name: `Seeded templates ${suffix}`,
      templates: [{ ...SEEDED_TEMPLATE, category: 'MARKETING', bodyParamCount: 1 }],
    });
    return {
      userId: user.id,
      username: user.username,
      password,
      clientId,
      apiKey,
      flowId: saved.id,
      outboundToken,
      hmacSecret,
      templateGroupId: group.id,
      accounts,
      accessToken,
    };
  });
}

/**
 * Adds an active flow on `accountId` for an existing tenant (sustained-sending benchmarks spread
 * conversations over several numbers, one flow per number); the seeded document unless one is given.
 */
export async function seedFlowForAccount(
  dataSource: DataSource,
  tenant: SeededTenant,
  accountId: string,
  dataEncryptionKey: string,
  drawflowData: Record<string, unknown> = buildSeededFlowDocument(),
): Promise<string> {
  const key = parseEncryptionKey(dataEncryptionKey);
  if (!key) throw new Error('seedFlowForAccount: dataEncryptionKey is not a valid key');
  const saved = await dataSource.getRepository(Flow).save({
    userId: tenant.userId,
    whatsappAccountId: accountId,
    name: `Seeded flow for ${accountId}`,
    status: 'active',
    drawflowData,
    // Flow credentials are unique per flow; this flow's are never needed by callers.
    outboundTokenHash: hashToken(generateToken(24)),
    hmacSecretEncrypted: encryptSecret(generateToken(24), key),
  });
  return saved.id;
}
