/**
 * Rows the conversation-domain API tests need, written straight into the test database: a user with a
 * WhatsApp business number, flows, template groups and conversations. Every call makes fresh ids and
 * numbers, so tests in one file never collide.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { encryptSecret, generateToken, hashToken } from '../../platform/secrets';

/** A user with one business number. */
export interface SeededTenant {
  userId: string;
  username: string;
  accountId: string;
  phoneNumberId: string;
  /** The business number's Graph access token (plaintext; stored encrypted). */
  accessToken: string;
}

/** A flow with its legacy credentials in plaintext. */
export interface SeededFlow {
  flowId: string;
  outboundToken: string;
  hmacSecret: string;
}

/** A random, valid E.164 number (Israeli mobile range, like the published examples). */
export function randomPhone(): string {
  return `+9725${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** Inserts a user and a business number owned by them. */
export async function seedTenant(
  dataSource: DataSource,
  encryptionKey: Buffer,
  options: { role?: 'admin' | 'user' } = {},
): Promise<SeededTenant> {
  const username = `user_${randomBytes(5).toString('hex')}`;
  const [user]: { id: string }[] = await dataSource.query(
    `INSERT INTO users (username, "displayName", email, role, "passwordHash", "apiAccessApproved")
     VALUES ($1, $1, $2, $3, 'scrypt$unused', true) RETURNING id`,
    [username, `${username}@example.com`, options.role ?? 'user'],
  );
  const phoneNumberId = String(randomInt(100_000_000, 999_999_999)) + String(randomInt(100_000, 999_999));
  const accessToken = `EAAG${randomBytes(12).toString('hex')}`;
  const [account]: { id: string }[] = await dataSource.query(
    `INSERT INTO whatsapp_accounts ("userId", "phoneNumberId", "displayPhoneNumber", "accessTokenEncrypted")
     VALUES ($1, $2, '15550783881', $3) RETURNING id`,
    [user.id, phoneNumberId, encryptSecret(accessToken, encryptionKey)],
  );
  return { userId: user.id, username, accountId: account.id, phoneNumberId, accessToken };
}

/** Inserts an active flow of `tenant` on its business number, with an outbound token and HMAC secret. */
export async function seedFlow(
  dataSource: DataSource,
  encryptionKey: Buffer,
  tenant: SeededTenant,
  drawflowData: unknown,
  options: { status?: 'draft' | 'active' | 'archived'; name?: string } = {},
): Promise<SeededFlow> {
  const outboundToken = generateToken();
  const hmacSecret = generateToken();
  const [flow]: { id: string }[] = await dataSource.query(
    `INSERT INTO flows ("userId", "whatsappAccountId", name, status, "drawflowData", "outboundTokenHash",
                        "hmacSecretEncrypted")
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
    [
      tenant.userId,
      tenant.accountId,
      options.name ?? `flow ${randomUUID().slice(0, 8)}`,
      options.status ?? 'active',
      JSON.stringify(drawflowData),
      hashToken(outboundToken),
      encryptSecret(hmacSecret, encryptionKey),
    ],
  );
  return { flowId: flow.id, outboundToken, hmacSecret };
}

/** Inserts a template group of `tenant`. */
export async function seedTemplateGroup(
  dataSource: DataSource,
  tenant: SeededTenant,
  templates: {
    name: string;
    language: string;
    category?: string;
    bodyParamCount: number;
    headerParamCount?: number;
  }[],
): Promise<string> {
  const [group]: { id: string }[] = await dataSource.query(
    `INSERT INTO template_groups ("userId", name, templates) VALUES ($1, 'group', $2::jsonb) RETURNING id`,
    [tenant.userId, JSON.stringify(templates)],
  );
  return group.id;
}

/** Inserts a conversation row directly (no run), e.g. to test reads and the reply window. */
export async function seedConversation(
  dataSource: DataSource,
  tenant: SeededTenant,
  options: {
    phone?: string;
    flowId?: string | null;
    status?: 'active' | 'handoff' | 'completed' | 'stopped' | 'failed';
    lastCustomerMessageAt?: Date | null;
    startedAt?: Date;
    customerName?: string;
  } = {},
): Promise<string> {
  const status = options.status ?? 'handoff';
  const ended = ['completed', 'stopped', 'failed'].includes(status);
  const [conversation]: { id: string }[] = await dataSource.query(
    `INSERT INTO conversations ("userId", "whatsappAccountId", "flowId", "customerPhone", "customerName", status,
                                "triggerSource", "lastCustomerMessageAt", "startedAt", "endedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 'inbound', $7, $8, $9) RETURNING id`,
    [
      tenant.userId,
      tenant.accountId,
      options.flowId ?? null,
      options.phone ?? randomPhone(),
      options.customerName ?? null,
      status,
      options.lastCustomerMessageAt ?? null,
      options.startedAt ?? new Date(),
      ended ? new Date() : null,
    ],
  );
  return conversation.id;
}
