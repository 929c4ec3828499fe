/**
 * The statements analytics runs on `node_events` (written by activities/analytics/insert-node-events.ts):
 * one for conversations, one for nodes, both over one flow's events in a period, read through the
 * `(flowId, at)` index; what followed an entry is found through the primary key.
 */
import type { Queryable } from '../database/queryable';

/** Which events count: one flow, `at` in [from, to), and one revision when given. */
export interface AnalyticsScope {
  flowId: string;
  from: Date;
  to: Date;
  revision: number | null;
}

/** Conversations of the scope, counted from their transitions. */
export interface ConversationCounts {
  started: number;
  completed: number;
  failed: number;
  handedOver: number;
  /** Ended as `stopped`: a stop signal, or the API ended it (replaced, opted out, contact deleted). */
  stopped: number;
}

/** One node's counts as the statement returns them. */
export interface NodeCountsRow {
  nodeId: string;
  type: string;
  entered: number;
  left: Record<string, number>;
  timedOut: number;
  dropped: number;
  medianMsSpent: number | null;
}

const SCOPED = `"flowId" = $1 AND "at" >= $2 AND "at" < $3 AND ($4::integer IS NULL OR "flowRevision" = $4)`;

function scopeParams(scope: AnalyticsScope): unknown[] {
  return [scope.flowId, scope.from, scope.to, scope.revision];
}

/** Started (entered the start node), completed, failed, handed over (distinct conversations), stopped. */
export async function countConversations(db: Queryable, scope: AnalyticsScope): Promise<ConversationCounts> {
  const [row] = await db.query(
    `SELECT count(DISTINCT "conversationId") FILTER (WHERE kind = 'entered' AND "nodeType" = 'start')::int AS started,
            count(*) FILTER (WHERE kind = 'ended' AND status = 'completed')::int AS completed,
            count(*) FILTER (WHERE kind = 'ended' AND status = 'failed')::int AS failed,
            count(DISTINCT "conversationId") FILTER (WHERE kind = 'handed_over')::int AS "handedOver",
            count(*) FILTER (WHERE kind = 'ended' AND status = 'stopped')::int AS stopped
       FROM node_events
      WHERE ${SCOPED}`,
    scopeParams(scope),
  );
  return row as ConversationCounts;
}

/**
 * Per node: entries, exits by port, timed-out exits, drops and the median time spent before leaving
 * (rounded to the ms as numeric, halves up; PostgreSQL rounds a float8's halves to even).
 * An entry is dropped when the first exit after it (`left` or `ended`, by transition number) is not a
 * `left` before the period's end: the run ended there, or was still there when the period ended.
 * End nodes never drop: ending there is what they are for.
 */
export async function countNodeEvents(db: Queryable, scope: AnalyticsScope): Promise<NodeCountsRow[]> {
  return await db.query(
    `WITH ev AS (
       SELECT "conversationId", seq, "nodeId", "nodeType", kind, port, "timedOut", "spentMs"
         FROM node_events
        WHERE ${SCOPED}
     ),
     entries AS (
       SELECT ev."nodeId", count(*)::int AS entered,
              count(*) FILTER (WHERE ev."nodeType" <> 'end'
                                 AND NOT (exit.kind IS NOT DISTINCT FROM 'left' AND exit.at < $3))::int AS dropped
         FROM ev
         LEFT JOIN LATERAL (
           SELECT x.kind, x.at FROM node_events x
            WHERE x."conversationId" = ev."conversationId" AND x.seq > ev.seq AND x.kind IN ('left', 'ended')
            ORDER BY x.seq
            LIMIT 1
         ) exit ON true
        WHERE ev.kind = 'entered'
        GROUP BY ev."nodeId"
     ),
     ports AS (
       SELECT "nodeId", jsonb_object_agg(port, n) AS "left"
         FROM (SELECT "nodeId", port, count(*)::int AS n FROM ev WHERE kind = 'left' GROUP BY 1, 2) by_port
        GROUP BY 1
     ),
     nodes AS (
       SELECT "nodeId", max("nodeType") AS type,
              count(*) FILTER (WHERE kind = 'left' AND "timedOut")::int AS "timedOut",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY "spentMs") FILTER (WHERE kind = 'left') AS median
         FROM ev
        GROUP BY 1
     )
     SELECT nodes."nodeId", nodes.type, coalesce(entries.entered, 0) AS entered,
            coalesce(ports."left", '{}'::jsonb) AS "left", nodes."timedOut",
            coalesce(entries.dropped, 0) AS dropped, round(nodes.median::numeric)::float8 AS "medianMsSpent"
       FROM nodes
       LEFT JOIN entries USING ("nodeId")
       LEFT JOIN ports USING ("nodeId")`,
    scopeParams(scope),
  );
}
