import type { Flow } from '../../entities/flow';
import { validateFlowGraph } from '../../workflows/engine';
import { isAdmin, type Principal } from '../auth/principal';
import type { Queryable } from '../database/queryable';
import { NotFoundError } from '../errors';
import { isAccountOf } from '../whatsapp/whatsapp-account-rows';
import { FlowGraphInvalidError } from './flow-graph-invalid-error';
import { findFlow } from './flow-rows';

/**
 * Loads a flow the caller may touch: their own, or any for an admin. Anything else, including
 * another tenant's flow, is a 404. `forUpdate` locks the row until the transaction of `db` ends.
 */
export async function findAccessibleFlow(
  db: Queryable,
  id: string,
  user: Principal,
  options: { forUpdate?: boolean } = {},
): Promise<Flow> {
  const flow = await findFlow(db, id, options);
  if (!flow || !(isAdmin(user) || flow.userId === user.id)) throw new NotFoundError('Flow not found');
  return flow;
}

/** Checks that `accountId` is a WhatsApp account of `ownerId` (404 otherwise). */
export async function assertAccountOwnedBy(db: Queryable, accountId: string, ownerId: string): Promise<void> {
  if (!(await isAccountOf(db, accountId, ownerId))) throw new NotFoundError('WhatsApp account not found');
}

/** @throws FlowGraphInvalidError (422) listing every problem the engine finds. */
export function assertValidGraph(drawflowData: unknown): void {
  const problems = validateFlowGraph(drawflowData);
  if (problems.length > 0) throw new FlowGraphInvalidError(problems);
}

/** A row of `GET /api/flows`, exactly the published fields. */
export function toFlowSummary(flow: Flow) {
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    status: flow.status,
    createdAt: flow.createdAt.toISOString(),
    updatedAt: flow.updatedAt.toISOString(),
  };
}

/** A flow with its graph; credentials only as "exists". */
export function toFlowDetail(flow: Flow) {
  return {
    ...toFlowSummary(flow),
    version: flow.version,
    publishedRevision: flow.publishedRevision,
    whatsappAccountId: flow.whatsappAccountId,
    drawflowData: flow.drawflowData,
    hasOutboundToken: flow.outboundTokenHash !== null,
    hasHmacSecret: flow.hmacSecretEncrypted !== null,
  };
}

/** The graph of a new flow: a single start node, ready for the editor. */
export function createDefaultDrawflow(): Record<string, unknown> {
  return {
    drawflow: {
      Home: {
        data: {
          '1': {
            id: 1,
            name: 'start',
            data: {},
            class: 'start',
            html: '',
            typenode: false,
            inputs: {},
            outputs: { output_1: { connections: [] } },
            pos_x: 100,
            pos_y: 100,
          },
        },
      },
    },
  };
}
