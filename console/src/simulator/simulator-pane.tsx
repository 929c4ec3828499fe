import { useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import { ErrorAlert } from '../components/error-alert';
import type { FlowRevisionSummary } from '../revisions/flow-revision';
import { revisionLabel } from '../revisions/use-flow-revisions';
import { parseSimulationScript, type SimulationScriptEntry } from './parse-simulation-script';
import { formatElapsed, type SimulatedStep, type SimulationResult } from './simulation-result';

const EXAMPLE_SCRIPT = 'Hello\n+25h\nagent: takeover\nagent: release';

/** `name=Ada` lines into the run's initial variables. */
function parseVariables(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) variables[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return variables;
}

/** The separator line of a step that is not a customer message: what moved the flow. */
function describeInput(input: SimulatedStep['input']): string | null {
  switch (input.type) {
    case 'start':
      return `Started by a ${input.trigger}`;
    case 'agent':
      return input.action === 'takeover' ? 'An agent took over' : 'The agent handed back to the flow';
    case 'timer':
      return `Timer fired (node ${input.waitedOn})`;
    case 'effect':
      return 'Answer of an HTTP or AI node';
    case 'customer':
      return null;
  }
}

/**
 * The editor's simulator: the user writes a script (see parse-simulation-script.ts), the flow as
 * last saved (or a published revision the user chooses) plays it on the API's virtual clock
 * (`POST /api/flows/{id}/simulate`: nothing is sent, nothing stored), and the transcript shows as a
 * chat: bot and customer messages, what else moved the flow with its virtual time, the outcome and
 * the warnings. All flow and customer text is rendered as text.
 */
export function SimulatorPane(props: { flowId: string; revisions: FlowRevisionSummary[] | null }) {
  const [revision, setRevision] = useState('');
  const [trigger, setTrigger] = useState<'lead' | 'inbound'>('lead');
  const [variables, setVariables] = useState('name=Ada');
  const [scriptText, setScriptText] = useState(EXAMPLE_SCRIPT);
  const [played, setPlayed] = useState<{ script: SimulationScriptEntry[]; result: SimulationResult } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (event: Event) => {
    event.preventDefault();
    const { script, errors } = parseSimulationScript(scriptText);
    setPlayed(null);
    if (errors.length > 0) {
      setError(errors.join('; '));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const result = await api<SimulationResult>(`/api/flows/${encodeURIComponent(props.flowId)}/simulate`, {
        json: {
          trigger,
          variables: parseVariables(variables),
          script,
          ...(revision ? { revision: Number(revision) } : {}),
        },
      });
      setPlayed({ script, result });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="simulator" aria-label="Simulator">
      <h2>Simulator</h2>
      <p class="hint">
        Plays the flow as last saved, or a published revision, on a virtual clock; nothing is sent. One entry
        per line: a customer message, <code>choose: Yes</code>, <code>+25h</code>,{' '}
        <code>agent: takeover</code> or <code>agent: release</code>.
      </p>
      <form onSubmit={run}>
        <label for="simulator-revision">Graph to play</label>
        <select id="simulator-revision" value={revision} onChange={(e) => setRevision(e.currentTarget.value)}>
          <option value="">the flow as last saved</option>
          {(props.revisions ?? []).map((published) => (
            <option key={published.number} value={String(published.number)}>
              {revisionLabel(published)}
            </option>
          ))}
        </select>
        <label for="simulator-trigger">Started by</label>
        <select
          id="simulator-trigger"
          value={trigger}
          onChange={(e) => setTrigger(e.currentTarget.value as 'lead' | 'inbound')}
        >
          <option value="lead">a lead</option>
          <option value="inbound">the customer writing first</option>
        </select>
        <label for="simulator-variables">Variables, one name=value per line</label>
        <textarea
          id="simulator-variables"
          rows={2}
          value={variables}
          onInput={(e) => setVariables(e.currentTarget.value)}
        />
        <label for="simulator-script">Script</label>
        <textarea
          id="simulator-script"
          rows={4}
          value={scriptText}
          onInput={(e) => setScriptText(e.currentTarget.value)}
        />
        <button type="submit" aria-busy={busy ? 'true' : undefined} disabled={busy}>
          Run simulation
        </button>
      </form>
      <ErrorAlert message={error} />
      {played && <SimulationTranscript {...played} />}
    </section>
  );
}

/**
 * The transcript as a chat. Separators show the virtual time whenever it moved and what else moved the
 * flow (start, timers, agents, effect answers); the script's silences are shown where they were played
 * (the answer has steps only for what the flow did, so they are placed by each step's script index).
 */
function SimulationTranscript({
  script,
  result,
}: {
  script: SimulationScriptEntry[];
  result: SimulationResult;
}) {
  let shownAt = '';
  let nextEntry = 0;
  const silencesBefore = (limit: number) => {
    const items = [];
    for (; nextEntry < limit; nextEntry++) {
      const entry = script[nextEntry];
      if ('wait' in entry) {
        items.push(
          <li key={`wait-${nextEntry}`} class="separator">
            Silence of {entry.wait.slice(1)}
          </li>,
        );
      }
    }
    return items;
  };
  return (
    <div class="simulation" aria-label="Simulated conversation" role="log">
      <p class="hint">
        Played {result.revision === null ? 'the flow as last saved' : `revision ${result.revision}`}
      </p>
      <ol class="messages">
        {result.steps.flatMap((step, stepIndex) => {
          const items = step.scriptIndex === null ? [] : silencesBefore(step.scriptIndex);
          const described = describeInput(step.input);
          if (step.at !== shownAt || described) {
            const time = step.at !== shownAt ? formatElapsed(result.startedAt, step.at) : '';
            shownAt = step.at;
            items.push(
              <li key={`${stepIndex}-sep`} class="separator">
                {[time, described].filter(Boolean).join(' · ')}
              </li>,
            );
          }
          if (step.input.type === 'customer') {
            items.push(
              <li key={`${stepIndex}-in`} class="message inbound">
                <span class="message-text">{step.input.text}</span>
              </li>,
            );
          }
          step.messages.forEach((message, index) =>
            items.push(
              <li key={`${stepIndex}-${index}`} class="message outbound">
                <span class="message-text">{message.text}</span>
                <small class="message-status">node {message.nodeId}</small>
              </li>,
            ),
          );
          return items;
        })}
        {silencesBefore(script.length)}
      </ol>
      <p class="simulation-outcome">
        <strong>Outcome:</strong> {result.outcome.status}
        {result.outcome.reason && ` (${result.outcome.reason})`}
        {result.outcome.nodeId && ` at node ${result.outcome.nodeId}`} ·{' '}
        {formatElapsed(result.startedAt, result.outcome.at)}
      </p>
      {result.warnings.length > 0 && (
        <ul class="simulation-warnings" aria-label="Warnings">
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
