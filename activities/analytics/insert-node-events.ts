/**
 * Writes a step's node transitions to `node_events`, beside the step's change to its conversations
 * row (same transaction, see conversation-store.ts), for per-node analytics (docs/analytics.md).
 */
import type { EntityManager } from 'typeorm';
import type { NodeTransition } from '../../workflows/engine/node-transition';

/**
 * Inserts `transitions` of conversation `conversationId`, taking its flow from the conversation row.
 * A transition already written (a retried activity, a replayed step) is skipped: the key is the
 * conversation and the transition's number within its run. Nothing is written when the row is gone.
 */
export async function insertNodeEvents(
  db: Pick<EntityManager, 'query'>,
  conversationId: string,
  transitions: readonly NodeTransition[],
): Promise<void> {
  if (transitions.length === 0) return;
  const rows = transitions.map((transition) => ({
    seq: transition.seq,
    nodeId: transition.nodeId,
    nodeType: transition.nodeType,
    kind: transition.kind,
    port: transition.kind === 'left' ? transition.port : null,
    timedOut: transition.kind === 'left' && transition.timedOut === true,
    spentMs: transition.spentMs ?? null,
    status: transition.kind === 'ended' ? transition.status : null,
    reason: transition.kind === 'ended' ? (transition.reason ?? null) : null,
    at: transition.at,
  }));
  // The revision the conversation started on (null for rows from before revisions), for the filter.
  await db.query(
    `INSERT INTO node_events ("conversationId", "seq", "flowId", "flowRevision", "nodeId", "nodeType", "kind",
                              "port", "timedOut", "spentMs", "status", "reason", "at")
     SELECT c.id, e.seq, c."flowId", c."flowRevision", e."nodeId", e."nodeType", e.kind,
            e.port, e."timedOut", e."spentMs", e.status, e.reason, to_timestamp(e.at / 1000.0)
       FROM conversations c
      CROSS JOIN jsonb_to_recordset($2::jsonb) AS e(
            seq integer, "nodeId" text, "nodeType" text, kind text, port text, "timedOut" boolean,
            "spentMs" bigint, status text, reason text, at bigint)
      WHERE c.id = $1
     ON CONFLICT ("conversationId", "seq") DO NOTHING`,
    [conversationId, JSON.stringify(rows)],
  );
}
