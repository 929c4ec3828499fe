/**
 * `GET /api/flows/{id}/analytics`: a flow's conversations and per-node funnel over a period, from the
 * node transitions recorded as runs go (docs/analytics.md).
 */
import type { Flow } from '../../entities/flow';
import type { Queryable } from '../database/queryable';
import { compareNodeIds, orderFlowNodes } from './flow-node-order';
import {
  countConversations,
  countNodeEvents,
  type ConversationCounts,
  type NodeCountsRow,
} from './node-event-rows';

/** The period and revision asked for. */
export interface AnalyticsQuery {
  from: Date;
  to: Date;
  revision: number | null;
}

/** The route's answer. */
export interface FlowAnalytics {
  period: { from: string; to: string };
  revision: number | null;
  conversations: ConversationCounts;
  nodes: NodeCountsRow[];
}

/**
 * Counts `flow`'s transitions in the period. Every node of the flow's current graph is listed, in
 * flow order (zeros where nothing happened), then nodes that have events but are no longer in it.
 */
export async function readFlowAnalytics(
  db: Queryable,
  flow: Flow,
  query: AnalyticsQuery,
): Promise<FlowAnalytics> {
  const scope = { flowId: flow.id, ...query };
  const conversations = await countConversations(db, scope);
  const counted = new Map((await countNodeEvents(db, scope)).map((row) => [row.nodeId, row]));
  const nodes: NodeCountsRow[] = [];
  for (const { nodeId, type } of orderFlowNodes(flow.drawflowData)) {
    nodes.push(counted.get(nodeId) ?? emptyCounts(nodeId, type));
    counted.delete(nodeId);
  }
  nodes.push(...[...counted.values()].sort((a, b) => compareNodeIds(a.nodeId, b.nodeId)));
  return {
    period: { from: query.from.toISOString(), to: query.to.toISOString() },
    revision: query.revision,
    conversations,
    nodes,
  };
}

function emptyCounts(nodeId: string, type: string): NodeCountsRow {
  return { nodeId, type, entered: 0, left: {}, timedOut: 0, dropped: 0, medianMsSpent: null };
}
