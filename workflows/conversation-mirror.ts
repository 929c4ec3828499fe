/**
 * The conversations row as a run last wrote it, and the change that brings it up to the run's state:
 * only the columns that changed (status, node, variables, window), plus the run's ids on the first
 * write. Deterministic code only.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { ConversationChange } from '../activities';
import { isFlowEnded, type FlowState } from './engine/runtime';

/** The fields of the conversations row a run mirrors, as last written. */
interface Mirrored {
  status: FlowState['status'];
  currentNodeId: string | null;
  variables: string;
  lastCustomerMessageAt: number | null;
}

/** A change to write, and what the row holds once it is written. */
export interface PendingChange {
  change: ConversationChange;
  after: Mirrored;
}

export class ConversationMirror {
  private written: Mirrored | null = null;

  /** What changed since the last write; null when nothing did. */
  changeFor(conversationId: string, state: FlowState): PendingChange | null {
    const after: Mirrored = {
      status: state.status,
      currentNodeId: state.nodeId,
      variables: JSON.stringify(state.variables),
      lastCustomerMessageAt: state.lastCustomerMessageAt,
    };
    const before = this.written;
    const change: ConversationChange = { conversationId };
    if (before === null) {
      const { workflowId, runId } = workflowInfo();
      Object.assign(change, { workflowId, runId });
    }
    if (before?.status !== after.status) change.status = after.status;
    if (before?.currentNodeId !== after.currentNodeId) change.currentNodeId = after.currentNodeId;
    if (before?.variables !== after.variables) change.variables = state.variables;
    if (after.lastCustomerMessageAt !== null && before?.lastCustomerMessageAt !== after.lastCustomerMessageAt)
      change.lastCustomerMessageAt = after.lastCustomerMessageAt;
    if (isFlowEnded(state)) change.endedAt = Date.now();
    return Object.keys(change).length === 1 ? null : { change, after };
  }

  /** The change reached the row; the next one is computed from it. */
  markWritten(pending: PendingChange): void {
    this.written = pending.after;
  }
}
