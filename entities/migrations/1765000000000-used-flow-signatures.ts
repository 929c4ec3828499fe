import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `used_flow_signatures`: the timestamped `X-Signature-256` values a flow has accepted, each kept
 * until its timestamp leaves the tolerance (after that the timestamp check refuses it anyway), so
 * a replay within the tolerance is refused by whichever API process receives it.
 */
export class UsedFlowSignatures1765000000000 implements MigrationInterface {
  name = 'UsedFlowSignatures1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE used_flow_signatures (
        "flowId" uuid NOT NULL REFERENCES flows ("id") ON DELETE CASCADE,
        "signature" text NOT NULL,
        "expiresAt" timestamptz NOT NULL,
        PRIMARY KEY ("flowId", "signature")
      )`);
    await db.query(`CREATE INDEX used_flow_signatures_expires ON used_flow_signatures ("expiresAt")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS used_flow_signatures`);
  }
}
