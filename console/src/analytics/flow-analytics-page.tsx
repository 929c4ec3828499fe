import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import { ErrorAlert } from '../components/error-alert';
import { isNodeType, titleOf } from '../editor/node-types';
import { formatDuration } from '../format-duration';
import { revisionLabel, useFlowRevisions } from '../revisions/use-flow-revisions';
import type { FlowDetail } from '../types';
import { analyticsQuery, describeExits, type FlowAnalytics } from './flow-analytics';

const PERIODS = [7, 30] as const;

/**
 * A flow's analytics (docs/analytics.md) for the last 7 or 30 days, of all revisions or one:
 * conversations started, completed, failed, stopped and handed over, the funnel picture the API draws
 * (`analytics.svg`, an image from this origin, which the console's CSP allows) and the per-node
 * table it is drawn from.
 */
export function FlowAnalyticsPage(props: { flowId: string }) {
  const flowPath = `/api/flows/${encodeURIComponent(props.flowId)}`;
  const [flow, setFlow] = useState<FlowDetail | null>(null);
  const { revisions } = useFlowRevisions(props.flowId);
  const [days, setDays] = useState<number>(30);
  const [revision, setRevision] = useState<number | null>(null);
  // Computed once per choice, so the numbers and the picture ask for the very same period.
  const [query, setQuery] = useState<string | null>(null);
  const [analytics, setAnalytics] = useState<FlowAnalytics | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<FlowDetail>(flowPath).then(setFlow, (failure) => setError(describeError(failure)));
  }, [flowPath]);

  const refresh = () => setQuery(analyticsQuery(days, revision, new Date()));
  useEffect(refresh, [days, revision]);

  useEffect(() => {
    if (query === null) return;
    setAnalytics(null);
    api<FlowAnalytics>(`${flowPath}/analytics?${query}`).then(
      (answer) => {
        setAnalytics(answer);
        setError(null);
      },
      (failure) => setError(describeError(failure)),
    );
  }, [flowPath, query]);

  const counts = analytics?.conversations;
  return (
    <div class="analytics">
      <div class="editor-toolbar">
        <h1>Analytics{flow && `: ${flow.name}`}</h1>
        <a href={`#/flows/${encodeURIComponent(props.flowId)}`}>Back to the editor</a>
      </div>
      <form class="analytics-filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Period
          <select value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {PERIODS.map((period) => (
              <option key={period} value={String(period)}>
                Last {period} days
              </option>
            ))}
          </select>
        </label>
        <label>
          Revision
          <select
            value={revision === null ? '' : String(revision)}
            onChange={(e) => setRevision(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
          >
            <option value="">All revisions</option>
            {(revisions ?? []).map((published) => (
              <option key={published.number} value={String(published.number)}>
                {revisionLabel(published)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="secondary" onClick={refresh}>
          Refresh
        </button>
      </form>
      <ErrorAlert message={error} />
      {!analytics && !error && <p aria-busy="true">Counting…</p>}
      {counts && (
        <ul class="analytics-counts" aria-label="Conversations">
          <li>
            <strong>{counts.started}</strong> started
          </li>
          <li>
            <strong>{counts.completed}</strong> completed
          </li>
          <li>
            <strong>{counts.failed}</strong> failed
          </li>
          <li>
            <strong>{counts.stopped}</strong> stopped
          </li>
          <li>
            <strong>{counts.handedOver}</strong> handed over
          </li>
        </ul>
      )}
      {analytics && query && (
        <>
          <h2>Funnel</h2>
          <img
            class="funnel"
            src={`${flowPath}/analytics.svg?${query}`}
            alt="One bar per node in flow order, as long as its entries: green for those that left, red for those dropped (the table below has the numbers)."
          />
          <h2>Per node</h2>
          <NodeTable analytics={analytics} />
        </>
      )}
    </div>
  );
}

function NodeTable({ analytics }: { analytics: FlowAnalytics }) {
  if (analytics.nodes.length === 0) return <p class="hint">No node has been reached in this period.</p>;
  return (
    <div class="overflow-auto">
      <table class="striped" aria-label="Per node">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Entered</th>
            <th scope="col">Left by output</th>
            <th scope="col">Timed out</th>
            <th scope="col">Dropped</th>
            <th scope="col">Median time</th>
          </tr>
        </thead>
        <tbody>
          {analytics.nodes.map((node) => (
            <tr key={node.nodeId}>
              <th scope="row">
                {node.nodeId} · {isNodeType(node.type) ? titleOf(node.type) : node.type}
              </th>
              <td>{node.entered}</td>
              <td>{describeExits(node.left)}</td>
              <td>{node.timedOut}</td>
              <td>{node.dropped}</td>
              <td>{node.medianMsSpent === null ? '—' : formatDuration(node.medianMsSpent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
