import { useState } from 'preact/hooks';
import { api, ApiError, describeError, type FlowProblem } from '../api-client';
import type { FlowRevisionDetail, FlowRevisionSummary } from './flow-revision';

/**
 * A rollback to one revision, after the user confirms it (`POST …/revisions/{n}/rollback`, which
 * publishes its graph again as a new revision and activates the flow), shared by the revisions pane
 * and the read-only view of a revision. A rollback the validator refuses (422) leaves its problems
 * in `problems` and changes nothing.
 */
export function useRevisionRollback(
  flowId: string,
  revisions: FlowRevisionSummary[] | null,
  onRolledBack: (revision: FlowRevisionDetail, published: boolean) => void,
): {
  busy: boolean;
  error: string | null;
  problems: FlowProblem[];
  /** Forgets the last rollback's error and problems. */
  reset: () => void;
  /** Asks, rolls back and returns the revision now current; null when not confirmed or refused. */
  rollBack: (number: number) => Promise<FlowRevisionDetail | null>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<FlowProblem[]>([]);
  const reset = () => {
    setError(null);
    setProblems([]);
  };
  const rollBack = async (number: number) => {
    if (
      !confirm(
        `Roll back to revision ${number}? Its graph is published again as a new revision and the flow ` +
          'is activated; the canvas shows it and unsaved edits are lost. Running conversations keep theirs.',
      )
    ) {
      return null;
    }
    setBusy(true);
    reset();
    try {
      const latest = revisions?.[0]?.number ?? 0;
      const revision = await api<FlowRevisionDetail>(
        `/api/flows/${encodeURIComponent(flowId)}/revisions/${number}/rollback`,
        { method: 'POST' },
      );
      onRolledBack(revision, revision.number > latest);
      return revision;
    } catch (failure) {
      if (failure instanceof ApiError) setProblems(failure.problems);
      setError(describeError(failure));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, problems, reset, rollBack };
}
