import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `campaigns` (a template sent to an audience at a pace, run by `campaignWorkflow`),
 * `campaign_recipients` (the audience fixed when the campaign starts, one row per phone, with its
 * delivery progress) and `whatsapp_accounts.dailyRecipientLimit` (Meta's messaging limit: unique
 * customers a number may message outside a customer-service window in a moving 24 hours).
 */
export class Campaigns1768000000000 implements MigrationInterface {
  name = 'Campaigns1768000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE campaigns (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL REFERENCES users ("id") ON DELETE CASCADE,
        "whatsappAccountId" uuid NOT NULL REFERENCES whatsapp_accounts ("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "template" jsonb NOT NULL,
        "audience" jsonb NOT NULL,
        "replyFlowId" uuid REFERENCES flows ("id") ON DELETE SET NULL,
        "startAt" timestamptz,
        "sendingWindow" jsonb,
        "messagesPerSecond" integer NOT NULL,
        "status" text NOT NULL DEFAULT 'draft'
          CHECK ("status" IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
        "waitingFor" text,
        "waitingUntil" timestamptz,
        "workflowId" text,
        "startedAt" timestamptz,
        "endedAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX campaigns_user ON campaigns ("userId", "createdAt", "id")`);
    await db.query(`
      CREATE TABLE campaign_recipients (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "campaignId" uuid NOT NULL REFERENCES campaigns ("id") ON DELETE CASCADE,
        "whatsappAccountId" uuid NOT NULL,
        "phone" text NOT NULL,
        "contactId" uuid REFERENCES contacts ("id") ON DELETE SET NULL,
        "parameters" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "status" text NOT NULL DEFAULT 'queued'
          CHECK ("status" IN ('queued', 'sent', 'delivered', 'read', 'failed', 'replied', 'skipped_opted_out')),
        "errorCode" text,
        "messageId" uuid,
        "waMessageId" text,
        "sentAt" timestamptz,
        "repliedAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaign_recipients_one_per_phone UNIQUE ("campaignId", "phone")
      )`);
    // Batches walk a campaign's queue in id order; totals group by status.
    await db.query(
      `CREATE INDEX campaign_recipients_queue ON campaign_recipients ("campaignId", "status", "id")`,
    );
    // Status webhooks find the recipient of a message; inbound messages find a recent send to a phone.
    await db.query(
      `CREATE INDEX campaign_recipients_message ON campaign_recipients ("messageId") WHERE "messageId" IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX campaign_recipients_phone ON campaign_recipients ("whatsappAccountId", "phone", "sentAt")
        WHERE "sentAt" IS NOT NULL`,
    );
    // The daily unique-recipient count reads the last 24 hours of sends per number.
    await db.query(
      `CREATE INDEX campaign_recipients_sent ON campaign_recipients ("whatsappAccountId", "sentAt")
        WHERE "sentAt" IS NOT NULL`,
    );
    await db.query(`ALTER TABLE whatsapp_accounts ADD COLUMN "dailyRecipientLimit" integer DEFAULT 1000`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE whatsapp_accounts DROP COLUMN "dailyRecipientLimit"`);
    await db.query(`DROP TABLE campaign_recipients`);
    await db.query(`DROP TABLE campaigns`);
  }
}
