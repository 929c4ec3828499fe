/**
 * The read side of flow revisions for the API: the list, one revision and the diff of two, shaped
 * as the routes answer them. The caller has checked that the flow is the reader's.
 */
import type { Flow } from '../../entities/flow';
import { readDrawflowNodes } from '../../workflows/engine/model/drawflow-document';
import type { Queryable } from '../database/queryable';
import { NotFoundError } from '../errors';
import { diffFlowGraphs, type FlowGraphDiff } from './diff-flow-graphs';
import {
  findFlowRevision,
  listFlowRevisions,
  type AuthoredFlowRevision,
  type FlowRevisionSummary,
} from './flow-revision-rows';

type RevisionRow = Omit<FlowRevisionSummary, 'nodeCount' | 'problemCount'>;

function toSummaryFields(row: RevisionRow, flow: Pick<Flow, 'publishedRevision'>) {
  return {
    number: row.number,
    current: row.number === flow.publishedRevision,
    authorUserId: row.authorUserId,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
    rolledBackFrom: row.rolledBackFrom,
  };
}

/** A revision as `GET …/revisions/{number}` and the rollback answer it: with graph and problems. */
export function toRevisionDetail(row: AuthoredFlowRevision, flow: Pick<Flow, 'publishedRevision'>) {
  return {
    ...toSummaryFields(row, flow),
    nodeCount: countNodes(row.drawflowData),
    problemCount: row.problems.length,
    drawflowData: row.drawflowData,
    problems: row.problems,
  };
}

function countNodes(drawflowData: unknown): number {
  const read = readDrawflowNodes(drawflowData);
  return 'nodes' in read ? Object.keys(read.nodes).length : 0;
}

/** The flow's revisions, newest first, without their graphs. */
export async function readRevisionList(db: Queryable, flow: Flow) {
  const rows = await listFlowRevisions(db, flow.id);
  return rows.map((row) => ({
    ...toSummaryFields(row, flow),
    nodeCount: row.nodeCount,
    problemCount: row.problemCount,
  }));
}

/** Revision `number` of the flow; 404 when it has none. */
export async function readRevision(db: Queryable, flow: Flow, number: number): Promise<AuthoredFlowRevision> {
  const revision = await findFlowRevision(db, flow.id, number);
  if (!revision) throw new NotFoundError(`Flow ${flow.id} has no revision ${number}`);
  return revision;
}

/**
 * What changed from revision `against` (default: the one before) to revision `number`; revision 1
 * without `against` is compared with an empty graph. 404 when either does not exist.
 */
export async function readRevisionDiff(
  db: Queryable,
  flow: Flow,
  number: number,
  against?: number,
): Promise<FlowGraphDiff & { number: number; against: number | null }> {
  const revision = await readRevision(db, flow, number);
  const base = against ?? (number > 1 ? number - 1 : null);
  const baseGraph = base === null ? null : (await readRevision(db, flow, base)).drawflowData;
  return { number, against: base, ...diffFlowGraphs(baseGraph, revision.drawflowData) };
}
