import { useState } from 'preact/hooks';
import { api, ApiError, describeError, type FlowProblem } from '../api-client';
import { ErrorAlert } from '../components/error-alert';
import { ProblemList } from '../editor/problem-list';
import { describeRevisionDiff } from './describe-revision-diff';
import type { FlowRevisionDetail, FlowRevisionDiff, FlowRevisionSummary } from './flow-revision';
import { revisionLabel } from './use-flow-revisions';

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
 * conversations run), one selected shows what changed from the revision before it, as text, and can
 * be rolled back to after a confirmation (`POST …/revisions/{n}/rollback`, which publishes its graph
 * again as a new revision and activates the flow). A rollback the validator refuses (422) lists the
 * problems here and changes nothing.
 */
export function RevisionsPane(props: {
  flowId: string;
  revisions: FlowRevisionSummary[] | null;
  error: string | null;
  onRolledBack: (revision: FlowRevisionDetail, published: boolean) => void;
}) {
  const [selected, setSelected] = useState<number | null>(null);
  const [diff, setDiff] = useState<FlowRevisionDiff | null>(null);
  const [problems, setProblems] = useState<FlowProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/flows/${encodeURIComponent(props.flowId)}/revisions`;

  const select = async (number: number) => {
    setSelected(number);
    setDiff(null);
    setProblems([]);
    setError(null);
    try {
      setDiff(await api<FlowRevisionDiff>(`${base}/${number}/diff`));
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const rollBack = async (number: number) => {
    if (
      !confirm(
        `Roll back to revision ${number}? Its graph is published again as a new revision and the flow ` +
          'is activated; the canvas shows it and unsaved edits are lost. Running conversations keep theirs.',
      )
    ) {
      return;
    }
    setBusy(true);
    setProblems([]);
    setError(null);
    try {
      const latest = props.revisions?.[0]?.number ?? 0;
      const revision = await api<FlowRevisionDetail>(`${base}/${number}/rollback`, { method: 'POST' });
      props.onRolledBack(revision, revision.number > latest);
      await select(revision.number);
    } catch (failure) {
      if (failure instanceof ApiError) setProblems(failure.problems);
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
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
              class={selected === revision.number ? '' : 'outline'}
              aria-pressed={selected === revision.number ? 'true' : 'false'}
              onClick={() => void select(revision.number)}
            >
              {revisionLabel(revision)}
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
            disabled={busy}
            aria-busy={busy ? 'true' : undefined}
            onClick={() => void rollBack(selected)}
          >
            Roll back to this revision
          </button>
          <ErrorAlert message={error} />
          {problems.length > 0 && <ProblemList problems={problems} />}
        </div>
      )}
    </section>
  );
}
