import Drawflow from 'drawflow';
import { isNodeType, portsOf, previewOf, titleOf, type NodeType } from './node-types';

/** Escapes text for the one place the editor writes HTML: the node box Drawflow renders with innerHTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A node box's markup. Stored documents carry an `html` per node that Drawflow would render with
 * innerHTML, and a document may come from the API, the AI generator or an import: the editor never
 * renders that html, it writes its own from the type's title (escaped) before importing. The
 * preview, which holds customer-facing text, is set afterwards as textContent.
 */
function nodeHtml(type: string): string {
  const title = isNodeType(type) ? titleOf(type) : `Unknown node type ${type}`;
  return `<div class="node-box"><strong>${escapeHtml(title)}</strong><span class="node-preview"></span></div>`;
}

type DrawflowDocument = ReturnType<Drawflow['export']>;

/**
 * The Drawflow editor on one element, in the stored format (nothing is converted): import and
 * export documents, add nodes from the catalogue, keep each node's output ports in step with its
 * data, and mark nodes that have problems.
 */
export class FlowCanvas {
  readonly editor: Drawflow;

  constructor(private readonly element: HTMLElement) {
    this.editor = new Drawflow(element);
    this.editor.reroute = false;
    this.editor.start();
  }

  load(document: unknown): void {
    const safe = structuredClone(document) as DrawflowDocument;
    const nodes = safe?.drawflow?.Home?.data ?? {};
    for (const node of Object.values(nodes)) node.html = nodeHtml(String(node.name));
    this.editor.import(Object.keys(nodes).length > 0 ? safe : { drawflow: { Home: { data: {} } } });
    for (const id of Object.keys(nodes)) this.refreshNode(id);
  }

  export(): DrawflowDocument {
    return this.editor.export();
  }

  /** Adds a node of `type` with empty data, right of the rightmost node; returns its id. */
  addNode(type: NodeType): string {
    const nodes = Object.values(this.export().drawflow.Home.data);
    const x = nodes.reduce((max, node) => Math.max(max, node.pos_x + 260), 40);
    const y = nodes.length > 0 ? nodes[nodes.length - 1].pos_y : 80;
    const inputs = type === 'start' ? 0 : 1;
    const id = this.editor.addNode(type, inputs, portsOf(type, {}).length, x, y, type, {}, nodeHtml(type));
    this.refreshNode(String(id));
    return String(id);
  }

  dataOf(id: string): Record<string, unknown> {
    return this.editor.getNodeFromId(id).data ?? {};
  }

  typeOf(id: string): string {
    return this.editor.getNodeFromId(id).name;
  }

  /** Stores new data for a node and gives it the ports that data has. */
  setData(id: string, data: Record<string, unknown>): void {
    this.editor.updateNodeDataFromId(id, data);
    const type = this.typeOf(id);
    if (isNodeType(type)) {
      const wanted = portsOf(type, data).length;
      let outputs = Object.keys(this.editor.getNodeFromId(id).outputs).length;
      for (; outputs < wanted; outputs++) this.editor.addNodeOutput(id);
      for (; outputs > wanted; outputs--) this.editor.removeNodeOutput(id, `output_${outputs}`);
    }
    this.refreshNode(id);
  }

  /** The node's output ports with the node each one leads to ('' when unconnected). */
  connectionsOf(id: string): { port: string; target: string }[] {
    const type = this.typeOf(id);
    if (!isNodeType(type)) return [];
    const outputs = this.editor.getNodeFromId(id).outputs;
    return portsOf(type, this.dataOf(id)).map((port, index) => {
      const connections = (outputs[`output_${index + 1}`]?.connections ?? []) as { node: string }[];
      return { port, target: connections[0] ? String(connections[0].node) : '' };
    });
  }

  /** Points output `index` (0-based) of a node at `target` ('' disconnects): the keyboard's way to draw an edge. */
  connect(id: string, index: number, target: string): void {
    const output = `output_${index + 1}`;
    const current = this.editor.getNodeFromId(id).outputs[output]?.connections ?? [];
    for (const connection of current as { node: string; output: string }[]) {
      this.editor.removeSingleConnection(id, connection.node, output, connection.output);
    }
    if (target) this.editor.addConnection(id, target, output, 'input_1');
  }

  /** Ids and titles of the nodes that can receive a connection (all but start). */
  targets(): { id: string; label: string }[] {
    return Object.values(this.export().drawflow.Home.data)
      .filter((node) => node.name !== 'start')
      .map((node) => ({
        id: String(node.id),
        label: `${isNodeType(node.name) ? titleOf(node.name) : node.name} (node ${node.id})`,
      }));
  }

  /** Marks the nodes that have a problem (and unmarks the others). */
  markProblems(nodeIds: ReadonlySet<string>): void {
    for (const box of this.element.querySelectorAll<HTMLElement>('.drawflow-node')) {
      const id = box.id.replace(/^node-/, '');
      box.classList.toggle('has-problem', nodeIds.has(id));
      box.setAttribute('aria-invalid', String(nodeIds.has(id)));
    }
  }

  /** Writes the preview and the port names of a node box, as text. */
  private refreshNode(id: string): void {
    const box = this.element.querySelector<HTMLElement>(`#node-${CSS.escape(id)}`);
    const type = this.typeOf(id);
    if (!box || !isNodeType(type)) return;
    const data = this.dataOf(id);
    const preview = box.querySelector('.node-preview');
    if (preview) preview.textContent = previewOf(type, data);
    const ports = portsOf(type, data);
    box.querySelectorAll<HTMLElement>('.outputs .output').forEach((output, index) => {
      output.dataset.port = ports[index] ?? '';
      output.title = ports[index] ?? '';
    });
  }
}
