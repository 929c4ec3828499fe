import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import type { FlowSummary, TemplateGroup } from '../types';

interface ApiAccess {
  clientId: string | null;
  approved: boolean;
  rotatedAt: string | null;
}

interface WhatsappAccount {
  id: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  messagesPerSecond?: number;
}

/** A secret shown once, right after it was made; it lives only in this component's state. */
function ShownOnce(props: { label: string; value: string }) {
  return (
    <p class="shown-once">
      <strong>{props.label}</strong> (shown once; copy it now): <code data-secret>{props.value}</code>
    </p>
  );
}

/**
 * Settings: API access (client id, rotate the key, shown once), each flow's outbound token and HMAC
 * secret (rotate, shown once), the WhatsApp numbers and the template groups.
 */
export function SettingsPage() {
  const [access, setAccess] = useState<ApiAccess | null>(null);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [flowSecrets, setFlowSecrets] = useState<{
    flow: string;
    outboundToken: string;
    hmacSecret: string;
  } | null>(null);
  const [accounts, setAccounts] = useState<WhatsappAccount[]>([]);
  const [groups, setGroups] = useState<TemplateGroup[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const fail = (failure: unknown) => setError(describeError(failure));
    api<ApiAccess>('/api/settings/api-access').then(setAccess, fail);
    api<FlowSummary[]>('/api/flows').then(setFlows, fail);
    api<WhatsappAccount[]>('/api/whatsapp/accounts').then(setAccounts, fail);
    api<TemplateGroup[]>('/api/template-groups').then(setGroups, fail);
  }, []);

  const rotateKey = async () => {
    if (access?.clientId && !confirm('Rotate the API key? The current key stops working at once.')) return;
    try {
      const rotated = await api<{ clientId: string; apiKey: string; rotatedAt: string }>(
        '/api/settings/api-access/rotate',
        { method: 'POST' },
      );
      setAccess({
        ...(access ?? { approved: false }),
        clientId: rotated.clientId,
        rotatedAt: rotated.rotatedAt,
      });
      setNewKey(rotated.apiKey);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const rotateFlow = async (event: Event) => {
    event.preventDefault();
    const flowId = String(new FormData(event.currentTarget as HTMLFormElement).get('flow'));
    try {
      const secrets = await api<{ outboundToken: string; hmacSecret: string }>(
        `/api/flows/${encodeURIComponent(flowId)}/credentials/rotate`,
        { method: 'POST' },
      );
      setFlowSecrets({ flow: flows.find((f) => f.id === flowId)?.name ?? flowId, ...secrets });
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <>
      <h1>Settings</h1>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <section aria-labelledby="api-access">
        <h2 id="api-access">API access</h2>
        {access && (
          <>
            <p>
              Client id: <code data-client-id>{access.clientId ?? 'none yet'}</code> · API usage{' '}
              {access.approved ? 'approved' : 'not approved yet (an admin approves it)'}
              {access.rotatedAt && ` · key made ${new Date(access.rotatedAt).toLocaleString()}`}
            </p>
            <button type="button" onClick={rotateKey}>
              {access.clientId ? 'Rotate API key' : 'Create API key'}
            </button>
            {newKey && <ShownOnce label="API key" value={newKey} />}
          </>
        )}
      </section>
      <section aria-labelledby="flow-credentials">
        <h2 id="flow-credentials">Flow credentials</h2>
        <form class="inline-form" onSubmit={rotateFlow}>
          <label for="credentials-flow">Flow</label>
          <fieldset role="group">
            <select id="credentials-flow" name="flow" required>
              {flows.map((flow) => (
                <option key={flow.id} value={flow.id}>
                  {flow.name}
                </option>
              ))}
            </select>
            <button type="submit">Rotate outbound token and HMAC secret</button>
          </fieldset>
        </form>
        {flowSecrets && (
          <>
            <ShownOnce label={`Outbound token of ${flowSecrets.flow}`} value={flowSecrets.outboundToken} />
            <ShownOnce label={`HMAC secret of ${flowSecrets.flow}`} value={flowSecrets.hmacSecret} />
          </>
        )}
      </section>
      <section aria-labelledby="numbers">
        <h2 id="numbers">WhatsApp numbers</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Phone number id</th>
              <th scope="col">Messages per second</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id}>
                <td>{account.displayPhoneNumber}</td>
                <td>{account.phoneNumberId}</td>
                <td>{account.messagesPerSecond ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="template-groups">
        <h2 id="template-groups">Template groups</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Templates</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.id}>
                <td>{group.name}</td>
                <td>{group.templates.map((t) => `${t.name} (${t.language})`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
