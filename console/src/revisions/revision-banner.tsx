import { ErrorAlert } from '../components/error-alert';
import { ProblemList } from '../editor/problem-list';
import type { FlowRevisionDetail, FlowRevisionSummary } from './flow-revision';
import { useRevisionRollback } from './use-revision-rollback';

/**
 * Above the canvas while it shows a revision read-only: which revision, the way back to the draft,
 * and a rollback to it (the same confirmation and refusal as in the revisions pane).
 */
export function RevisionBanner(props: {
  flowId: string;
  revision: FlowRevisionDetail;
  revisions: FlowRevisionSummary[] | null;
  onBack: () => void;
  onRolledBack: (revision: FlowRevisionDetail, published: boolean) => void;
}) {
  const rollback = useRevisionRollback(props.flowId, props.revisions, props.onRolledBack);
  const { number } = props.revision;
  return (
    <section class="revision-banner" aria-label={`Revision ${number}, read-only`}>
      <p>
        <strong>Revision {number} (read-only)</strong>
        {props.revision.current ? ', the one new conversations run' : ''} —{' '}
        <button type="button" class="secondary outline" onClick={props.onBack}>
          Back to the draft
        </button>
        <button
          type="button"
          class="secondary"
          disabled={rollback.busy}
          aria-busy={rollback.busy ? 'true' : undefined}
          onClick={() => void rollback.rollBack(number)}
        >
          Roll back to this revision
        </button>
      </p>
      <ErrorAlert message={rollback.error} />
      {rollback.problems.length > 0 && <ProblemList problems={rollback.problems} />}
    </section>
  );
}
