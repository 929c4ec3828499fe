import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import type { FlowSummary } from '../types';
import { navigate } from '../use-hash-route';

/** The user's flows with their status, and a form to create one. */
export function FlowsPage() {
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<FlowSummary[]>('/api/flows')
      .then(setFlows)
      .catch((failure) => setError(describeError(failure)));
  }, []);
  const create = async (event: Event) => {
    event.preventDefault();
    const name = new FormData(event.currentTarget as HTMLFormElement).get('name');
    try {
      const flow = await api<FlowSummary>('/api/flows', { json: { name } });
      navigate('flows', flow.id);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <>
      <h1>Flows</h1>
      <form class="inline-form" onSubmit={create}>
        <label for="new-flow-name">New flow name</label>
        <fieldset role="group">
          <input id="new-flow-name" name="name" required maxLength={200} />
          <button type="submit">Create flow</button>
        </fieldset>
      </form>
      {error && <p role="alert">{error}</p>}
      {flows === null ? (
        <p aria-busy="true">Loading…</p>
      ) : flows.length === 0 ? (
        <p>No flows yet.</p>
      ) : (
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {flows.map((flow) => (
                <tr key={flow.id}>
                  <td>
                    <a href={`#/flows/${flow.id}`}>{flow.name}</a>
                  </td>
                  <td>
                    <span class={`status status-${flow.status}`}>{flow.status}</span>
                  </td>
                  <td>{new Date(flow.updatedAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
