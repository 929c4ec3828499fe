/**
 * Publishing: the one way a graph becomes what new conversations of a flow run. Activation, an edit
 * of an active flow and a rollback publish inside the transaction that writes the flow row, holding
 * its lock, so an active flow's `drawflowData` is always its `publishedRevision`'s graph.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import type { Flow } from '../../entities/flow';
import type { FlowRevision } from '../../entities/flow-revision';
import { validateFlowGraph } from '../../workflows/engine';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../database/queryable';
import { NotFoundError } from '../errors';
import { findAccessibleFlow } from './flow-access';
import { findFlow, setPublishedRevision } from './flow-rows';
import { findFlowRevision, insertFlowRevision } from './flow-revision-rows';

/** What to publish: the graph, who publishes it, and (for a rollback) the revision it comes from. */
export interface PublishRequest {
  drawflowData: Record<string, unknown>;
  /** null: FlowBot itself (see {@link ensureFlowPublished}). */
  authorUserId: string | null;
  rolledBackFrom?: number;
}

/** The flow's latest revision after a publish, and whether the publish created it. */
export interface PublishOutcome {
  revision: FlowRevision;
  created: boolean;
}

/**
 * Runs `change` on a flow the caller may touch (404 otherwise) in one transaction that holds the
 * flow row's lock: two publishes of one flow never race for a revision number or a graph.
 */
export async function changeFlowLocked<T>(
  dataSource: DataSource,
  flowId: string,
  user: Principal,
  change: (tx: Queryable, flow: Flow) => Promise<T>,
): Promise<T> {
  return await dataSource.transaction(async (manager) => {
    const flow = await findAccessibleFlow(manager, flowId, user, { forUpdate: true });
    return await change(manager, flow);
  });
}

/**
 * Publishes `request.drawflowData` as the flow's next revision, with the validator's findings,
 * unless the flow's published revision holds that graph already (re-activating an unchanged graph
 * makes no duplicate). `flow` must be the row locked in the transaction of `tx`; the caller then
 * writes `publishedRevision: revision.number` to it.
 */
export async function publishFlowRevision(
  tx: Queryable,
  flow: Flow,
  request: PublishRequest,
): Promise<PublishOutcome> {
  if (flow.publishedRevision !== null) {
    const latest = await findFlowRevision(tx, flow.id, flow.publishedRevision);
    // jsonb does not keep key order, so compare structurally.
    if (latest && isDeepStrictEqual(latest.drawflowData, request.drawflowData)) {
      return { revision: latest, created: false };
    }
  }
  const revision = await insertFlowRevision(tx, {
    flowId: flow.id,
    authorUserId: request.authorUserId,
    drawflowData: request.drawflowData,
    problems: validateFlowGraph(request.drawflowData).map((problem) => ({ ...problem })),
    rolledBackFrom: request.rolledBackFrom ?? null,
  });
  return { revision, created: true };
}

/**
 * The revision new conversations of this active flow run. A flow activated before revisions
 * existed (or written straight into the table) has none: its current graph is published now as
 * FlowBot's own (no author), once, whoever starts it first.
 */
export async function ensureFlowPublished(
  dataSource: DataSource,
  flow: Pick<Flow, 'id' | 'publishedRevision'>,
): Promise<number> {
  if (flow.publishedRevision !== null) return flow.publishedRevision;
  return await dataSource.transaction(async (manager) => {
    const locked = await findFlow(manager, flow.id, { forUpdate: true });
    if (!locked) throw new NotFoundError('Flow not found'); // deleted since the caller read it
    if (locked.publishedRevision !== null) return locked.publishedRevision;
    const { revision } = await publishFlowRevision(manager, locked, {
      drawflowData: locked.drawflowData,
      authorUserId: null,
    });
    await setPublishedRevision(manager, locked.id, revision.number);
    return revision.number;
  });
}
