import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `webhook_endpoints` (a tenant's receivers of signed event webhooks) and `webhook_deliveries` (the
 * outbox and delivery log: one row per event and endpoint, written in the transaction of the change
 * that caused the event).
 */
export class Webhooks1769100000000 implements MigrationInterface {
  name = 'Webhooks1769100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoints (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL REFERENCES users ("id") ON DELETE CASCADE,
        "url" text NOT NULL,
        "description" text,
        "secretEncrypted" text NOT NULL,
        "eventTypes" text[] NOT NULL,
        "enabled" boolean NOT NULL DEFAULT true,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    // Every emitting change looks up the tenant's enabled endpoints.
    await db.query(`CREATE INDEX webhook_endpoints_user ON webhook_endpoints ("userId", "createdAt")`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "endpointId" uuid NOT NULL REFERENCES webhook_endpoints ("id") ON DELETE CASCADE,
        "eventType" text NOT NULL,
        "payload" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'delivered', 'failed')),
        "attempts" integer NOT NULL DEFAULT 0,
        "lastStatusCode" integer,
        "lastError" text,
        "lastAttemptAt" timestamptz,
        "queuedAt" timestamptz NOT NULL DEFAULT now(),
        "dispatchedAt" timestamptz,
        "deliveredAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      )`);
    // The delivery log of an endpoint, newest first, paged by (createdAt, id).
    await db.query(
      `CREATE INDEX webhook_deliveries_log ON webhook_deliveries ("endpointId", "createdAt" DESC, "id" DESC)`,
    );
    // The sweep's rows: queued but never handed to Temporal.
    await db.query(
      `CREATE INDEX webhook_deliveries_undispatched ON webhook_deliveries ("queuedAt")
        WHERE "status" = 'pending' AND "dispatchedAt" IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE webhook_endpoints`);
  }
}
