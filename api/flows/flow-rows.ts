/**
 * The `flows` table for the API: every statement the routes and the trigger path run on it.
 * Rows come back with the entity's column names, typed as {@link Flow}.
 */
import type { Flow, FlowStatus } from '../../entities/flow';
import type { Queryable } from '../database/queryable';
import { findRowById } from '../database/find-row-by-id';
import { saveRowChanges } from '../database/save-row-changes';

/**
 * The flow with this id, whoever owns it; null for an unknown id or one that is not a UUID.
 * `forUpdate` locks the row until the transaction of `db` ends (publishing a revision needs it).
 */
export async function findFlow(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Flow | null> {
  return await findRowById<Flow>(db, 'flows', id, options);
}

/** A user's flows, most recently updated first. */
export async function listFlowsOf(db: Queryable, userId: string): Promise<Flow[]> {
  return await db.query(`SELECT * FROM flows WHERE "userId" = $1 ORDER BY "updatedAt" DESC`, [userId]);
}

/** Whether `flowId` is a flow of `userId`. */
export async function isFlowOf(db: Queryable, flowId: string, userId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM flows WHERE id = $1 AND "userId" = $2`, [
    flowId,
    userId,
  ]);
  return rows.length > 0;
}

/** What a new flow is made of; the rest (id, version 1, no credentials, timestamps) is the table's default. */
export interface NewFlow {
  userId: string;
  name: string;
  description?: string;
  status: FlowStatus;
  drawflowData: Record<string, unknown>;
  whatsappAccountId?: string | null;
}

/** Inserts a flow and returns the stored row. */
export async function insertFlow(db: Queryable, flow: NewFlow): Promise<Flow> {
  const rows: Flow[] = await db.query(
    `INSERT INTO flows ("userId", name, description, status, "drawflowData", "whatsappAccountId")
     VALUES ($1, $2, COALESCE($3, ''), $4, $5::jsonb, $6)
     RETURNING *`,
    [
      flow.userId,
      flow.name,
      flow.description ?? null,
      flow.status,
      JSON.stringify(flow.drawflowData),
      flow.whatsappAccountId ?? null,
    ],
  );
  // As given: jsonb stores keys in its own order, and the answer echoes the request.
  return { ...rows[0], drawflowData: flow.drawflowData };
}

/** The fields of a flow the API edits. */
export type FlowChanges = Partial<
  Pick<
    Flow,
    'name' | 'description' | 'status' | 'version' | 'drawflowData' | 'whatsappAccountId' | 'publishedRevision'
  >
>;

/**
 * Writes `flow` with `changes` applied; `updatedAt` moves only when a value actually changed.
 * @returns the stored row.
 */
export async function saveFlowChanges(db: Queryable, flow: Flow, changes: FlowChanges): Promise<Flow> {
  return await saveRowChanges<Flow>(db, 'flows', flow, changes, ['drawflowData']);
}

/**
 * Points the flow at a revision FlowBot published on its own (see ensureFlowPublished), leaving
 * `updatedAt` alone: the user changed nothing.
 */
export async function setPublishedRevision(db: Queryable, flowId: string, revision: number): Promise<void> {
  await db.query(`UPDATE flows SET "publishedRevision" = $2 WHERE id = $1`, [flowId, revision]);
}

/** Replaces the flow's outbound token hash and encrypted HMAC secret (and stamps `updatedAt`). */
export async function setFlowCredentials(
  db: Queryable,
  flowId: string,
  credentials: { outboundTokenHash: string; hmacSecretEncrypted: string },
): Promise<void> {
  await db.query(
    `UPDATE flows SET "outboundTokenHash" = $2, "hmacSecretEncrypted" = $3, "updatedAt" = now() WHERE id = $1`,
    [flowId, credentials.outboundTokenHash, credentials.hmacSecretEncrypted],
  );
}

/** Deletes a flow (its ended conversations keep their rows; the foreign key sets flowId null). */
export async function deleteFlow(db: Queryable, flowId: string): Promise<void> {
  await db.query(`DELETE FROM flows WHERE id = $1`, [flowId]);
}

/** How many conversations of the flow are still open. */
export async function countOpenConversationsOf(db: Queryable, flowId: string): Promise<number> {
  const rows: { open: number }[] = await db.query(
    `SELECT count(*)::int AS open FROM conversations WHERE "flowId" = $1 AND "endedAt" IS NULL`,
    [flowId],
  );
  return rows[0].open;
}
