import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `node_events`: every node transition of every conversation run (entered, left by a port, handed
 * over, ended), recorded as the run goes, for per-node analytics (docs/analytics.md).
 */
export class NodeEvents1769200000000 implements MigrationInterface {
  name = 'NodeEvents1769200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE node_events (
        "conversationId" uuid NOT NULL REFERENCES conversations ("id") ON DELETE CASCADE,
        "seq" integer NOT NULL,
        "flowId" uuid REFERENCES flows ("id") ON DELETE CASCADE,
        "flowRevision" integer,
        "nodeId" text NOT NULL,
        "nodeType" text NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('entered', 'left', 'handed_over', 'ended')),
        "port" text,
        "timedOut" boolean NOT NULL DEFAULT false,
        "spentMs" bigint,
        "status" text,
        "reason" text,
        "at" timestamptz NOT NULL,
        PRIMARY KEY ("conversationId", "seq")
      )`);
    // Analytics reads one flow over a period; the primary key finds what followed an entry.
    await db.query(`CREATE INDEX node_events_flow_at ON node_events ("flowId", "at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE node_events`);
  }
}
