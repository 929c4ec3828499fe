/**
 * Writes a step's node transitions to `node_events`, with the step's change to its conversations
 * row (in the same statement, see conversation-store.ts), for per-node analytics (docs/analytics.md).
 */
import type { EntityManager } from 'typeorm';
import type { NodeTransition } from '../../workflows/engine/node-transition';

/** `transitions` as the JSON array {@link nodeEventsInsertSql} reads. */
export function nodeEventRowsJson(transitions: readonly NodeTransition[]): string {
  return JSON.stringify(
    transitions.map((transition) => ({
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
    })),
  );
}

/**
 * The INSERT of a conversation's transitions: `conversationParam` holds its id, `rowsParam` the
 * {@link nodeEventRowsJson}. The flow and revision come from the conversation row (null revision for
 * rows from before revisions); a transition already written (a retried activity, a replayed step) is
 * skipped — the key is the conversation and the transition's number within its run. Nothing is
 * written when the row is gone. Usable alone or as a CTE beside the row's UPDATE.
 */
export function nodeEventsInsertSql(conversationParam: string, rowsParam: string): string {
  return `INSERT INTO node_events ("conversationId", "seq", "flowId", "flowRevision", "nodeId", "nodeType", "kind",
                              "port", "timedOut", "spentMs", "status", "reason", "at")
     SELECT c.id, e.seq, c."flowId", c."flowRevision", e."nodeId", e."nodeType", e.kind,
            e.port, e."timedOut", e."spentMs", e.status, e.reason, to_timestamp(e.at / 1000.0)
       FROM conversations c
      CROSS JOIN jsonb_to_recordset(${rowsParam}::jsonb) AS e(
            seq integer, "nodeId" text, "nodeType" text, kind text, port text, "timedOut" boolean,
            "spentMs" bigint, status text, reason text, at bigint)
      WHERE c.id = ${conversationParam}
     ON CONFLICT ("conversationId", "seq") DO NOTHING`;
}

/** Inserts `transitions` of conversation `conversationId` on their own (a step that changed nothing else). */
export async function insertNodeEvents(
  db: Pick<EntityManager, 'query'>,
  conversationId: string,
  transitions: readonly NodeTransition[],
): Promise<void> {
  if (transitions.length === 0) return;
  await db.query(nodeEventsInsertSql('$1', '$2'), [conversationId, nodeEventRowsJson(transitions)]);
}
