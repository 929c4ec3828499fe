/**
 * The `flow_revisions` table for the API: every statement on it. Revisions are only ever inserted;
 * no statement here updates or deletes one (deleting the flow removes its revisions by cascade).
 */
import type { FlowRevision } from '../../entities/flow-revision';
import type { Queryable } from '../database/queryable';

/** A revision with its author's display name (null without an author). */
export type AuthoredFlowRevision = FlowRevision & { authorName: string | null };

/** A revision without its graph and problems, for lists. */
export type FlowRevisionSummary = Omit<AuthoredFlowRevision, 'drawflowData' | 'problems'> & {
  nodeCount: number;
  problemCount: number;
};

/** What a new revision is made of; its number is the flow's next one. */
export type NewFlowRevision = Pick<
  FlowRevision,
  'flowId' | 'authorUserId' | 'drawflowData' | 'problems' | 'rolledBackFrom'
>;

/** Revision `number` of the flow, or null. */
export async function findFlowRevision(
  db: Queryable,
  flowId: string,
  number: number,
): Promise<AuthoredFlowRevision | null> {
  const rows: AuthoredFlowRevision[] = await db.query(
    `SELECT revision.*, users."displayName" AS "authorName"
       FROM flow_revisions AS revision LEFT JOIN users ON users.id = revision."authorUserId"
      WHERE revision."flowId" = $1 AND revision.number = $2`,
    [flowId, number],
  );
  return rows[0] ?? null;
}

/** The flow's revisions, newest first, with node and problem counts instead of the graph. */
export async function listFlowRevisions(db: Queryable, flowId: string): Promise<FlowRevisionSummary[]> {
  // A graph published before its shape was checked (see publishFlowRevision) may have no node map.
  return await db.query(
    `SELECT revision."flowId", revision.number, revision."authorUserId", users."displayName" AS "authorName",
            revision."rolledBackFrom", revision."createdAt",
            CASE WHEN jsonb_typeof(revision.nodes) = 'object'
                 THEN (SELECT count(*) FROM jsonb_object_keys(revision.nodes))::int ELSE 0 END AS "nodeCount",
            jsonb_array_length(revision.problems) AS "problemCount"
       FROM (SELECT *, "drawflowData" #> '{drawflow,Home,data}' AS nodes
               FROM flow_revisions WHERE "flowId" = $1) AS revision
       LEFT JOIN users ON users.id = revision."authorUserId"
      ORDER BY revision.number DESC`,
    [flowId],
  );
}

/**
 * Inserts the flow's next revision (one past its highest number) and returns it. Call it in a
 * transaction that holds the flow row's lock, so two publishes never race for a number.
 */
export async function insertFlowRevision(db: Queryable, revision: NewFlowRevision): Promise<FlowRevision> {
  const rows: FlowRevision[] = await db.query(
    `INSERT INTO flow_revisions ("flowId", number, "authorUserId", "drawflowData", problems, "rolledBackFrom")
     SELECT $1, COALESCE(MAX(number), 0) + 1, $2, $3::jsonb, $4::jsonb, $5
       FROM flow_revisions WHERE "flowId" = $1
     RETURNING *`,
    [
      revision.flowId,
      revision.authorUserId,
      JSON.stringify(revision.drawflowData),
      JSON.stringify(revision.problems),
      revision.rolledBackFrom,
    ],
  );
  return rows[0];
}
