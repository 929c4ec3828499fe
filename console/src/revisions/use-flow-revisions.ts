import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import type { FlowRevisionSummary } from './flow-revision';

/**
 * A flow's revisions (`GET /api/flows/{id}/revisions`, newest first), shared by the panes that show
 * or choose one; `reload` after anything that may publish (save of an active flow, activate, rollback).
 * `revisions` is null until the first answer.
 */
export function useFlowRevisions(flowId: string): {
  revisions: FlowRevisionSummary[] | null;
  error: string | null;
  reload: () => void;
} {
  const [revisions, setRevisions] = useState<FlowRevisionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    api<FlowRevisionSummary[]>(`/api/flows/${encodeURIComponent(flowId)}/revisions`).then(
      (list) => {
        setRevisions(list);
        setError(null);
      },
      (failure) => setError(describeError(failure)),
    );
  }, [flowId]);
  useEffect(reload, [reload]);
  return { revisions, error, reload };
}

/** "Revision 3 (current)", the label of a revision in lists and selectors. */
export function revisionLabel(revision: FlowRevisionSummary): string {
  return `Revision ${revision.number}${revision.current ? ' (current)' : ''}`;
}
