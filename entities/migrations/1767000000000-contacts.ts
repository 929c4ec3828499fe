import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `contacts` (one customer of one business number, with opt-in state) and the per-number opt-out
 * settings on `whatsapp_accounts`: keyword lists (NULL = the built-in defaults) and the optional
 * confirmation text sent once when a customer opts out.
 */
export class Contacts1767000000000 implements MigrationInterface {
  name = 'Contacts1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE contacts (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL REFERENCES users ("id") ON DELETE CASCADE,
        "whatsappAccountId" uuid NOT NULL REFERENCES whatsapp_accounts ("id") ON DELETE CASCADE,
        "phone" text NOT NULL,
        "name" text,
        "attributes" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "tags" text[] NOT NULL DEFAULT '{}'::text[],
        "optState" text NOT NULL DEFAULT 'unknown' CHECK ("optState" IN ('unknown', 'opted_in', 'opted_out')),
        "optStateAt" timestamptz,
        "optStateSource" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contacts_one_per_phone UNIQUE ("whatsappAccountId", "phone")
      )`);
    await db.query(`CREATE INDEX contacts_user ON contacts ("userId", "createdAt", "id")`);
    await db.query(`CREATE INDEX contacts_tags ON contacts USING gin ("tags")`);
    await db.query(`CREATE INDEX contacts_attributes ON contacts USING gin ("attributes" jsonb_path_ops)`);
    await db.query(`
      ALTER TABLE whatsapp_accounts
        ADD COLUMN "optOutKeywords" text[],
        ADD COLUMN "optInKeywords" text[],
        ADD COLUMN "optOutConfirmation" text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE whatsapp_accounts
        DROP COLUMN "optOutKeywords", DROP COLUMN "optInKeywords", DROP COLUMN "optOutConfirmation"`);
    await db.query(`DROP TABLE contacts`);
  }
}
