import { useEffect, useRef, useState } from 'preact/hooks';
import { validateFlowGraph } from '../../../workflows/engine/validation/validate-flow-graph';
import { api, ApiError, describeError, type FlowProblem } from '../api-client';
import { ErrorAlert } from '../components/error-alert';
import { FlowCanvas } from '../editor/flow-canvas';
import { NodeForm } from '../editor/node-form';
import { isNodeType, nodeTypes, titleOf } from '../editor/node-types';
import { ProblemList } from '../editor/problem-list';
import type { FlowRevisionDetail } from '../revisions/flow-revision';
import { RevisionBanner } from '../revisions/revision-banner';
import { RevisionsPane } from '../revisions/revisions-pane';
import { useFlowRevisions } from '../revisions/use-flow-revisions';
import { SimulatorPane } from '../simulator/simulator-pane';
import type { FlowDetail } from '../types';

/**
 * One flow in the Drawflow editor: the palette of node types, the canvas, the selected node's form,
 * and validate / save / activate / archive. Problems (from the engine's validator in the page, or
 * the API's 422) are shown on their node and field. The side panel ends with the revisions pane
 * (list, diff, view, rollback) and the simulator; the toolbar links to the flow's analytics.
 *
 * Viewing a revision puts its graph on the canvas read-only (every control that edits is disabled,
 * a node's form can still be read) under a banner; Back to the draft puts the draft back as the
 * user left it, unsaved edits included.
 */
export function FlowEditorPage(props: { flowId: string }) {
  const canvasElement = useRef<HTMLDivElement>(null);
  const canvas = useRef<FlowCanvas | null>(null);
  const [flow, setFlow] = useState<FlowDetail | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [problems, setProblems] = useState<FlowProblem[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setRevision] = useState(0);
  const [numbers, setNumbers] = useState<{ id: string; displayPhoneNumber: string }[]>([]);
  /** The revision the canvas shows read-only; null while it shows the draft. */
  const [viewing, setViewing] = useState<FlowRevisionDetail | null>(null);
  /** The draft as the user left it for a revision (unsaved edits included). */
  const draft = useRef<unknown>(null);
  const revisions = useFlowRevisions(props.flowId);

  useEffect(() => {
    api<FlowDetail>(`/api/flows/${encodeURIComponent(props.flowId)}`)
      .then(setFlow)
      .catch((failure) => setError(describeError(failure)));
    api<{ id: string; displayPhoneNumber: string }[]>('/api/whatsapp/accounts').then(
      setNumbers,
      () => undefined,
    );
  }, [props.flowId]);

  useEffect(() => {
    if (!flow || !canvasElement.current || canvas.current) return;
    const flowCanvas = new FlowCanvas(canvasElement.current);
    flowCanvas.load(flow.drawflowData);
    flowCanvas.editor.on('nodeSelected', (id: number) => setSelected(String(id)));
    flowCanvas.editor.on('nodeUnselected', () => setSelected(null));
    flowCanvas.editor.on('nodeRemoved', () => setSelected(null));
    flowCanvas.editor.on('click', (event: MouseEvent) => {
      if (flowCanvas.readOnly) setSelected(flowCanvas.inspectAt(event.target));
    });
    canvas.current = flowCanvas;
  }, [flow]);

  const showProblems = (found: FlowProblem[]) => {
    setProblems(found);
    canvas.current?.markProblems(
      new Set(found.flatMap((problem) => (problem.nodeId ? [problem.nodeId] : []))),
    );
  };

  const act = async (label: string, action: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(label);
    } catch (failure) {
      if (failure instanceof ApiError && failure.problems.length > 0) showProblems(failure.problems);
      setError(describeError(failure));
    }
  };

  const validate = () => {
    if (!canvas.current) return;
    const found = validateFlowGraph(canvas.current.export()) as FlowProblem[];
    showProblems(found);
    setNotice(found.length === 0 ? 'No problems found.' : null);
  };

  const save = () =>
    act('Saved.', async () => {
      const updated = await api<FlowDetail>(`/api/flows/${encodeURIComponent(props.flowId)}`, {
        method: 'PATCH',
        json: {
          name: flow!.name,
          whatsappAccountId: flow!.whatsappAccountId,
          drawflowData: canvas.current!.export(),
        },
      });
      setFlow(updated);
      showProblems([]);
      // Saving an active flow publishes a revision at once.
      revisions.reload();
    });

  const move = (transition: 'activate' | 'archive') =>
    act(transition === 'activate' ? 'Activated.' : 'Archived.', async () => {
      const updated = await api<FlowDetail>(`/api/flows/${encodeURIComponent(props.flowId)}/${transition}`, {
        method: 'POST',
      });
      setFlow({ ...flow!, ...updated });
      revisions.reload();
    });

  const view = async (number: number) => {
    const flowCanvas = canvas.current;
    if (!flowCanvas) return;
    setError(null);
    setNotice(null);
    try {
      const revision = await api<FlowRevisionDetail>(
        `/api/flows/${encodeURIComponent(props.flowId)}/revisions/${number}`,
      );
      // From one revision to another the draft stays the one kept when the user left it.
      if (!flowCanvas.readOnly) draft.current = flowCanvas.export();
      setSelected(null);
      flowCanvas.setReadOnly(true);
      flowCanvas.load(revision.drawflowData);
      setViewing(revision);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  /** Leaves a revision: the canvas is editable again and shows `graph` (the draft kept by default). */
  const leaveRevision = (graph: unknown = draft.current) => {
    draft.current = null;
    setSelected(null);
    setViewing(null);
    canvas.current?.setReadOnly(false);
    canvas.current?.load(graph);
  };

  const backToDraft = () => {
    leaveRevision();
    // The draft's problems, as they were marked before.
    showProblems(problems ?? []);
  };

  /** A rollback replaced the flow's graph and activated it: show what the flow is now. */
  const rolledBack = async (revision: FlowRevisionDetail, published: boolean) => {
    setError(null);
    revisions.reload();
    try {
      const updated = await api<FlowDetail>(`/api/flows/${encodeURIComponent(props.flowId)}`);
      leaveRevision(updated.drawflowData);
      setFlow(updated);
      showProblems([]);
      setNotice(
        published
          ? `Rolled back: revision ${revision.number} publishes revision ${revision.rolledBackFrom}'s graph and is current.`
          : `Revision ${revision.number} already holds that graph; it is current.`,
      );
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const readOnly = viewing !== null;
  const selectedType = selected && canvas.current ? canvas.current.typeOf(selected) : null;
  const nodeProblems = (problems ?? []).filter((problem) => problem.nodeId === selected);

  if (error && !flow) return <p role="alert">{error}</p>;
  if (!flow) return <p aria-busy="true">Loading the flow…</p>;
  return (
    <div class="editor">
      <div class="editor-toolbar">
        <h1>
          {flow.name} <span class={`status status-${flow.status}`}>{flow.status}</span>
        </h1>
        <label class="number-select">
          WhatsApp number
          <select
            value={flow.whatsappAccountId ?? ''}
            disabled={readOnly}
            onChange={(e) => setFlow({ ...flow, whatsappAccountId: e.currentTarget.value || null })}
          >
            <option value="">none</option>
            {numbers.map((number) => (
              <option key={number.id} value={number.id}>
                {number.displayPhoneNumber}
              </option>
            ))}
          </select>
        </label>
        <div role="group">
          <button type="button" class="secondary" onClick={validate} disabled={readOnly}>
            Validate
          </button>
          <button
            type="button"
            onClick={save}
            disabled={readOnly}
            aria-describedby={flow.status === 'active' ? 'save-publishes' : undefined}
          >
            Save
          </button>
          <button type="button" class="contrast" onClick={() => move('activate')} disabled={readOnly}>
            Activate
          </button>
          <button type="button" class="secondary outline" onClick={() => move('archive')} disabled={readOnly}>
            Archive
          </button>
        </div>
        <a href={`#/flows/${encodeURIComponent(props.flowId)}/analytics`}>Analytics</a>
      </div>
      {flow.status === 'active' && (
        <p class="hint" id="save-publishes">
          This flow is active: Save publishes the graph as a new revision at once, and new conversations run
          it.
        </p>
      )}
      <p aria-live="polite" class="notice">
        {notice}
      </p>
      <ErrorAlert message={error} />
      {viewing && (
        <RevisionBanner
          flowId={props.flowId}
          revision={viewing}
          revisions={revisions.revisions}
          onBack={backToDraft}
          onRolledBack={(revision, published) => void rolledBack(revision, published)}
        />
      )}
      <div class="editor-body">
        <aside class="palette" aria-label="Node types">
          <h2>Add a node</h2>
          {nodeTypes.map((type) => (
            <button
              type="button"
              class="outline"
              key={type}
              disabled={readOnly}
              onClick={() => {
                const id = canvas.current?.addNode(type);
                if (id) setSelected(id);
              }}
            >
              {titleOf(type)}
            </button>
          ))}
        </aside>
        <div class="canvas" ref={canvasElement} aria-label="Flow canvas" role="application" />
        <aside class="inspector" aria-label="Node and problems">
          {selected && selectedType && isNodeType(selectedType) ? (
            <NodeForm
              key={`${viewing?.number ?? 'draft'}-${selected}`}
              nodeId={selected}
              type={selectedType}
              data={canvas.current!.dataOf(selected)}
              problems={readOnly ? [] : nodeProblems}
              readOnly={readOnly}
              onChange={(data) => {
                canvas.current!.setData(selected, data);
                setRevision((n) => n + 1);
              }}
            />
          ) : null}
          {selected && canvas.current && (
            <fieldset class="connections" disabled={readOnly}>
              <legend>Connections</legend>
              {canvas.current.connectionsOf(selected).map(({ port, target }, index) => (
                <label key={port}>
                  Output {port} leads to
                  <select
                    value={target}
                    onChange={(e) => {
                      canvas.current!.connect(selected, index, e.currentTarget.value);
                      setRevision((n) => n + 1);
                    }}
                  >
                    <option value="">nothing</option>
                    {canvas.current!.targets().map((node) => (
                      <option key={node.id} value={node.id}>
                        {node.label}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          )}
          {!selected && (
            <p class="hint">
              {readOnly
                ? 'Click a node to read its settings.'
                : "Select a node to edit it; drag from a node's output dot to another node to connect them, or use its Connections list."}
            </p>
          )}
          {!readOnly && problems && problems.length > 0 && (
            <section aria-label="Problems">
              <h2>Problems ({problems.length})</h2>
              <ProblemList problems={problems} onSelectNode={setSelected} />
            </section>
          )}
          <RevisionsPane
            flowId={props.flowId}
            revisions={revisions.revisions}
            error={revisions.error}
            viewing={viewing?.number ?? null}
            onView={(number) => void view(number)}
            onRolledBack={(revision, published) => void rolledBack(revision, published)}
          />
          <SimulatorPane flowId={props.flowId} revisions={revisions.revisions} />
        </aside>
      </div>
    </div>
  );
}
