import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import type { Flow } from '../../entities/flow';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../database/queryable';
import { UnprocessableEntityError } from '../errors';
import { assertValidGraph } from './flow-access';
import { saveFlowChanges, type FlowChanges } from './flow-rows';
import {
  changeFlowLocked,
  publishFlowRevision,
  type PublishOutcome,
  type PublishRequest,
} from './publish-flow-revision';

/** The graph to activate, chosen inside the transaction from the locked flow row. */
export type ChooseGraph = (
  tx: Queryable,
  flow: Flow,
) => Promise<Omit<PublishRequest, 'authorUserId'>> | Omit<PublishRequest, 'authorUserId'>;

/**
 * Activation and rollback: in one transaction on the caller's flow, checks the chosen graph (422
 * listing every problem) and the linked WhatsApp account (422), publishes the graph as a revision
 * authored by `user` (none when the latest holds it already), and makes it the flow's active graph.
 * @returns the stored flow and its latest revision.
 */
export async function publishAndActivate(
  dataSource: DataSource,
  flowId: string,
  user: Principal,
  chooseGraph: ChooseGraph,
): Promise<PublishOutcome & { flow: Flow }> {
  return await changeFlowLocked(dataSource, flowId, user, async (tx, flow) => {
    const chosen = await chooseGraph(tx, flow);
    assertValidGraph(chosen.drawflowData);
    if (!flow.whatsappAccountId) {
      throw new UnprocessableEntityError(
        'Link a WhatsApp account (whatsappAccountId) before activating the flow',
      );
    }
    const outcome = await publishFlowRevision(tx, flow, { ...chosen, authorUserId: user.id });
    const changes: FlowChanges = { status: 'active', publishedRevision: outcome.revision.number };
    // jsonb does not keep key order, so compare structurally.
    if (!isDeepStrictEqual(chosen.drawflowData, flow.drawflowData)) {
      changes.drawflowData = chosen.drawflowData;
      changes.version = flow.version + 1;
    }
    return { ...outcome, flow: await saveFlowChanges(tx, flow, changes) };
  });
}
