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

/** The columns of a `node_events` row, in the order both INSERTs below select them. */
const NODE_EVENT_COLUMNS = `"conversationId", "seq", "flowId", "flowRevision", "nodeId", "nodeType", "kind",
                              "port", "timedOut", "spentMs", "status", "reason", "at"`;

/**
 * The INSERT of a conversation's transitions: `conversationParam` holds its id, `rowsParam` the
 * {@link nodeEventRowsJson}. The flow and revision come from the conversation row (null revision for
 * rows from before revisions); a transition already written (a retried activity, a replayed step) is
 * skipped — the key is the conversation and the transition's number within its run. Nothing is
 * written when the row is gone. Usable alone or as a CTE beside the row's UPDATE.
 *
 * An `ended` is skipped when the row had already ended before the statement: the API ended it (and
 * wrote its own `ended`, see {@link apiStopNodeEventSql}) while the run's last step was finishing, so
 * the conversation ends once, as its row says. The step's other moves did happen and are kept. (Beside
 * the row's UPDATE, the CTE reads the row as it was before the UPDATE: a step ending the row counts.)
 */
export function nodeEventsInsertSql(conversationParam: string, rowsParam: string): string {
  return `INSERT INTO node_events (${NODE_EVENT_COLUMNS})
     SELECT c.id, e.seq, c."flowId", c."flowRevision", e."nodeId", e."nodeType", e.kind,
            e.port, e."timedOut", e."spentMs", e.status, e.reason, to_timestamp(e.at / 1000.0)
       FROM conversations c
      CROSS JOIN jsonb_to_recordset(${rowsParam}::jsonb) AS e(
            seq integer, "nodeId" text, "nodeType" text, kind text, port text, "timedOut" boolean,
            "spentMs" bigint, status text, reason text, at bigint)
      WHERE c.id = ${conversationParam} AND (e.kind <> 'ended' OR c."endedAt" IS NULL)
     ON CONFLICT ("conversationId", "seq") DO NOTHING`;
}

/**
 * The number of the `ended` the API writes when it ends a conversation: the largest `integer`. A run
 * numbers its transitions 1, 2, 3… and never gets near it, so a step of the terminated run that is
 * still finishing (its numbers are the run's next ones, unknown to the API) never collides with it,
 * and it sorts after every move of the run. The API ends a row once (`"endedAt" IS NULL`), so one
 * number per conversation is enough.
 */
export const API_STOP_SEQ = 2_147_483_647;

/**
 * The INSERT of the `ended` (status `stopped`, reason in `reasonParam`) of the conversations the CTE
 * `endedRelation` returns (`id`, `"flowId"`, `"flowRevision"`): the rows the API's UPDATE has just
 * ended, so nothing is written when it ended none. It is placed at the node of the conversation's
 * last transition, where the run was (the row's current node, with its type); a conversation without
 * transitions (no run, or a run from before they were recorded) gets none.
 */
export function apiStopNodeEventSql(endedRelation: string, reasonParam: string): string {
  return `INSERT INTO node_events (${NODE_EVENT_COLUMNS})
     SELECT ended.id, ${API_STOP_SEQ}, ended."flowId", ended."flowRevision", last."nodeId", last."nodeType",
            'ended', NULL, false, NULL, 'stopped', ${reasonParam}, now()
       FROM ${endedRelation} ended
      CROSS JOIN LATERAL (
            SELECT x."nodeId", x."nodeType", x.kind FROM node_events x
             WHERE x."conversationId" = ended.id ORDER BY x.seq DESC LIMIT 1) last
      WHERE last.kind <> 'ended'
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
