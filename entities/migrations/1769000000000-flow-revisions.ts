import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `flow_revisions`: the immutable graphs a flow has published (numbered 1..n per flow), with
 * `flows.publishedRevision` naming the one new conversations run, and `conversations.flowRevision`
 * recording the revision each conversation started on. Nothing is backfilled: a flow active before
 * this migration publishes revision 1 when it is next activated, edited or started (then its
 * validation result is computed, which SQL here could not do), and older conversations keep
 * `flowRevision` null.
 */
export class FlowRevisions1769000000000 implements MigrationInterface {
  name = 'FlowRevisions1769000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE flow_revisions (
        "flowId" uuid NOT NULL REFERENCES flows ("id") ON DELETE CASCADE,
        "number" integer NOT NULL CHECK ("number" >= 1),
        "authorUserId" uuid REFERENCES users ("id") ON DELETE SET NULL,
        "drawflowData" jsonb NOT NULL,
        "problems" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "rolledBackFrom" integer CHECK ("rolledBackFrom" >= 1 AND "rolledBackFrom" < "number"),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("flowId", "number")
      )`);
    await db.query(
      `ALTER TABLE flows ADD COLUMN "publishedRevision" integer CHECK ("publishedRevision" >= 1)`,
    );
    await db.query(`ALTER TABLE conversations ADD COLUMN "flowRevision" integer`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE conversations DROP COLUMN "flowRevision"`);
    await db.query(`ALTER TABLE flows DROP COLUMN "publishedRevision"`);
    await db.query(`DROP TABLE flow_revisions`);
  }
}
