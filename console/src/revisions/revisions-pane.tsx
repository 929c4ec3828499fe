import { useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import { ErrorAlert } from '../components/error-alert';
import { ProblemList } from '../editor/problem-list';
import { describeRevisionDiff } from './describe-revision-diff';
import type { FlowRevisionDetail, FlowRevisionDiff, FlowRevisionSummary } from './flow-revision';
import { revisionLabel } from './use-flow-revisions';
import { useRevisionRollback } from './use-revision-rollback';

const CHANGE_MARKS = { added: '+', removed: '−', changed: '~' } as const;

function describeRevision(revision: FlowRevisionSummary): string {
  return [
    revision.authorName ?? (revision.authorUserId ? 'a deleted user' : 'FlowBot'),
    new Date(revision.createdAt).toLocaleString(),
    `${revision.nodeCount} node${revision.nodeCount === 1 ? '' : 's'}`,
    revision.problemCount > 0 ? `${revision.problemCount} problem(s) when published` : 'valid',
    ...(revision.rolledBackFrom ? [`rollback to revision ${revision.rolledBackFrom}`] : []),
  ].join(' · ');
}

/**
 * The editor's revisions pane: the flow's published revisions (newest first; which one new
 * conversations run), each with a View button that shows its graph read-only on the canvas; one
 * selected shows what changed from the revision before it, as text, and can be rolled back to
 * (use-revision-rollback.ts: a refused rollback lists its problems here and changes nothing).
 */
export function RevisionsPane(props: {
  flowId: string;
  revisions: FlowRevisionSummary[] | null;
  error: string | null;
  /** The revision the canvas shows read-only, if any. */
  viewing: number | null;
  onView: (number: number) => void;
  onRolledBack: (revision: FlowRevisionDetail, published: boolean) => void;
}) {
  const [selected, setSelected] = useState<number | null>(null);
  const [diff, setDiff] = useState<FlowRevisionDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rollback = useRevisionRollback(props.flowId, props.revisions, props.onRolledBack);
  const base = `/api/flows/${encodeURIComponent(props.flowId)}/revisions`;

  const select = async (number: number) => {
    setSelected(number);
    setDiff(null);
    rollback.reset();
    setError(null);
    try {
      setDiff(await api<FlowRevisionDiff>(`${base}/${number}/diff`));
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const rollBack = async (number: number) => {
    const revision = await rollback.rollBack(number);
    if (revision) await select(revision.number);
  };

  const lines = diff ? describeRevisionDiff(diff) : [];
  return (
    <section class="revisions" aria-label="Revisions">
      <h2>Revisions</h2>
      <ErrorAlert message={props.error} />
      {props.revisions?.length === 0 && (
        <p class="hint">None yet: activating the flow publishes revision 1.</p>
      )}
      <ol class="revision-list">
        {(props.revisions ?? []).map((revision) => (
          <li key={revision.number}>
            <button
              type="button"
              class={selected === revision.number ? 'revision-select' : 'revision-select outline'}
              aria-pressed={selected === revision.number ? 'true' : 'false'}
              onClick={() => void select(revision.number)}
            >
              {revisionLabel(revision)}
            </button>
            <button
              type="button"
              class="secondary outline revision-view"
              aria-label={`View revision ${revision.number} on the canvas`}
              aria-pressed={props.viewing === revision.number ? 'true' : 'false'}
              onClick={() => props.onView(revision.number)}
            >
              View
            </button>
            <small>{describeRevision(revision)}</small>
          </li>
        ))}
      </ol>
      {selected !== null && (
        <div class="revision-detail" role="region" aria-label={`Changes in revision ${selected}`}>
          {diff && (
            <>
              <h3>
                {diff.against === null
                  ? `Revision ${diff.number}, the first`
                  : `Revision ${diff.number} compared with revision ${diff.against}`}
              </h3>
              {lines.length === 0 ? (
                <p class="hint">No node or connection changed (only places on the canvas).</p>
              ) : (
                <ul class="revision-diff">
                  {lines.map((line, index) => (
                    <li key={index} class={`diff-${line.change}`}>
                      <span aria-hidden="true">{CHANGE_MARKS[line.change]} </span>
                      {line.text}
                      {line.details.length > 0 && (
                        <ul>
                          {line.details.map((detail) => (
                            <li key={detail}>{detail}</li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          <button
            type="button"
            class="secondary"
            disabled={rollback.busy}
            aria-busy={rollback.busy ? 'true' : undefined}
            onClick={() => void rollBack(selected)}
          >
            Roll back to this revision
          </button>
          <ErrorAlert message={error ?? rollback.error} />
          {rollback.problems.length > 0 && <ProblemList problems={rollback.problems} />}
        </div>
      )}
    </section>
  );
}
