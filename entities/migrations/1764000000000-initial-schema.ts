import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema. Columns keep TypeORM's default naming (quoted camelCase) so entity properties
 * and columns are the same word. Enumerations are text with CHECK constraints: easier to extend
 * in a later migration than PostgreSQL enum types.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "username" text NOT NULL CHECK (length("username") BETWEEN 1 AND 100),
        "displayName" text NOT NULL,
        "email" text,
        "role" text NOT NULL DEFAULT 'user' CHECK ("role" IN ('admin', 'user')),
        "passwordHash" text NOT NULL,
        "apiAccessApproved" boolean NOT NULL DEFAULT false,
        "disabled" boolean NOT NULL DEFAULT false,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_username_lower_unique ON users (lower("username"))`);

    await db.query(`
      CREATE TABLE api_clients (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL UNIQUE REFERENCES users ("id") ON DELETE CASCADE,
        "clientId" text NOT NULL UNIQUE,
        "apiKeyHash" text NOT NULL,
        "rotatedAt" timestamptz NOT NULL DEFAULT now(),
        "createdAt" timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE whatsapp_accounts (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL REFERENCES users ("id") ON DELETE CASCADE,
        "phoneNumberId" text NOT NULL UNIQUE,
        "displayPhoneNumber" text NOT NULL,
        "accessTokenEncrypted" text NOT NULL,
        "inboundFlowId" uuid,
        "messagesPerSecond" integer NOT NULL DEFAULT 80 CHECK ("messagesPerSecond" > 0),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX whatsapp_accounts_user ON whatsapp_accounts ("userId")`);

    await db.query(`
      CREATE TABLE flows (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL REFERENCES users ("id") ON DELETE CASCADE,
        "whatsappAccountId" uuid REFERENCES whatsapp_accounts ("id") ON DELETE SET NULL,
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "status" text NOT NULL DEFAULT 'draft' CHECK ("status" IN ('draft', 'active', 'archived')),
        "version" integer NOT NULL DEFAULT 1,
        "drawflowData" jsonb NOT NULL,
        "outboundTokenHash" text UNIQUE,
        "hmacSecretEncrypted" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX flows_user_updated ON flows ("userId", "updatedAt" DESC)`);
    await db.query(`CREATE INDEX flows_whatsapp_account ON flows ("whatsappAccountId")`);
    // Added after both tables exist: accounts and flows reference each other.
    await db.query(`
      ALTER TABLE whatsapp_accounts ADD CONSTRAINT whatsapp_accounts_inbound_flow_fk
        FOREIGN KEY ("inboundFlowId") REFERENCES flows ("id") ON DELETE SET NULL`);

    await db.query(`
      CREATE TABLE template_groups (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL REFERENCES users ("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "templates" jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof("templates") = 'array'),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX template_groups_user ON template_groups ("userId")`);

    await db.query(`
      CREATE TABLE conversations (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL REFERENCES users ("id") ON DELETE CASCADE,
        "whatsappAccountId" uuid NOT NULL REFERENCES whatsapp_accounts ("id") ON DELETE CASCADE,
        "flowId" uuid REFERENCES flows ("id") ON DELETE SET NULL,
        "flowVersion" integer,
        "customerPhone" text NOT NULL CHECK ("customerPhone" ~ '^\\+[1-9][0-9]{6,14}$'),
        "customerName" text,
        "status" text NOT NULL DEFAULT 'active'
          CHECK ("status" IN ('active', 'handoff', 'completed', 'stopped', 'failed')),
        "triggerSource" text NOT NULL CHECK ("triggerSource" IN ('outbound', 'lead', 'inbound', 'agent')),
        "lastMessage" text,
        "currentNodeId" text,
        "variables" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "startedAt" timestamptz NOT NULL DEFAULT now(),
        "lastCustomerMessageAt" timestamptz,
        "endedAt" timestamptz,
        "workflowId" text,
        "runId" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE UNIQUE INDEX conversations_one_open_per_phone
        ON conversations ("whatsappAccountId", "customerPhone") WHERE "endedAt" IS NULL`);
    await db.query(`CREATE INDEX conversations_user_started ON conversations ("userId", "startedAt" DESC)`);
    await db.query(`CREATE INDEX conversations_user_status ON conversations ("userId", "status")`);
    await db.query(`CREATE INDEX conversations_flow ON conversations ("flowId")`);
    await db.query(`CREATE INDEX conversations_workflow ON conversations ("workflowId")`);

    await db.query(`
      CREATE TABLE messages (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "conversationId" uuid REFERENCES conversations ("id") ON DELETE CASCADE,
        "whatsappAccountId" uuid NOT NULL REFERENCES whatsapp_accounts ("id") ON DELETE CASCADE,
        "direction" text NOT NULL CHECK ("direction" IN ('inbound', 'outbound')),
        "type" text NOT NULL,
        "content" jsonb NOT NULL,
        "waMessageId" text UNIQUE,
        "sendKey" text UNIQUE,
        "status" text NOT NULL
          CHECK ("status" IN ('pending', 'sent', 'delivered', 'read', 'failed', 'received')),
        "errorCode" text,
        "errorTitle" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX messages_conversation_created ON messages ("conversationId", "createdAt")`);
    // Inbound messages without a conversation are listed per account for agents.
    await db.query(`
      CREATE INDEX messages_unassigned ON messages ("whatsappAccountId", "createdAt")
        WHERE "conversationId" IS NULL`);

    await db.query(`
      CREATE TABLE idempotency_keys (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "scope" text NOT NULL,
        "key" text NOT NULL,
        "requestHash" text NOT NULL,
        "responseStatus" integer NOT NULL,
        "responseBody" jsonb NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_keys_scope_key_unique UNIQUE ("scope", "key")
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys ("createdAt")`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'messages',
      'conversations',
      'template_groups',
      'whatsapp_accounts',
      'flows',
      'api_clients',
      'users',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
