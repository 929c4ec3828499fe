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

/** Pico scales the root font size with the viewport, so sizes given in rem are measured. */
function rootFontSize(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/** A node box's size before one is on the canvas to measure, in rem (styles.css: 12rem wide plus padding). */
const NODE_SIZE_REM = { w: 14, h: 5 };
/** Room between columns for the connections' curves, in rem (the port labels sit inside the boxes). */
const COLUMN_GAP_REM = 4;
/** Space between rows of nodes, and between the canvas edge and the first node, in px. */
const ROW_GAP = 48;
const MARGIN = 32;

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
    this.fitToView();
  }

  /**
   * A graph wider or taller than the canvas (a generated flow is laid out in many columns) is zoomed
   * out, not below Drawflow's own minimum, and panned so that it starts at the canvas's top-left.
   */
  private fitToView(): void {
    const boxes = this.nodeBoxes();
    if (boxes.length === 0) return;
    const minX = Math.min(...boxes.map((box) => box.x));
    const minY = Math.min(...boxes.map((box) => box.y));
    const graphWidth = Math.max(...boxes.map((box) => box.x + box.w)) - minX;
    const graphHeight = Math.max(...boxes.map((box) => box.y + box.h)) - minY;
    const { clientWidth: width, clientHeight: height } = this.editor.precanvas;
    const fits = minX >= 0 && minY >= 0 && minX + graphWidth <= width && minY + graphHeight <= height;
    if (fits || width === 0) return;
    const zoom = Math.min(
      1,
      Math.max(
        this.editor.zoom_min,
        Math.min((width - 2 * MARGIN) / graphWidth, (height - 2 * MARGIN) / graphHeight),
      ),
    );
    // Drawflow scales around the precanvas's centre: solve centre + (min - centre) * zoom + pan = MARGIN.
    const panX = MARGIN - width / 2 - (minX - width / 2) * zoom;
    const panY = MARGIN - height / 2 - (minY - height / 2) * zoom;
    Object.assign(this.editor, { zoom, zoom_last_value: zoom, canvas_x: panX, canvas_y: panY });
    this.editor.precanvas.style.transform = `translate(${panX}px, ${panY}px) scale(${zoom})`;
  }

  /** Every node's place (Drawflow's pos_x/pos_y) and its box's size (offsetWidth ignores the zoom). */
  private nodeBoxes(): { x: number; y: number; w: number; h: number }[] {
    const rem = rootFontSize();
    return Object.values(this.export().drawflow.Home.data).map((node) => {
      const box = this.element.querySelector<HTMLElement>(`#node-${CSS.escape(String(node.id))}`);
      return {
        x: node.pos_x,
        y: node.pos_y,
        w: box?.offsetWidth ?? NODE_SIZE_REM.w * rem,
        h: box?.offsetHeight ?? NODE_SIZE_REM.h * rem,
      };
    });
  }

  export(): DrawflowDocument {
    return this.editor.export();
  }

  /** Whether the canvas only shows its graph (a revision): Drawflow's view mode, pan and zoom only. */
  get readOnly(): boolean {
    return this.editor.editor_mode !== 'edit';
  }

  setReadOnly(readOnly: boolean): void {
    this.editor.editor_mode = readOnly ? 'view' : 'edit';
    this.element.classList.toggle('read-only', readOnly);
  }

  /**
   * In view mode Drawflow selects no node, so a click is resolved here: the node under `target` is
   * marked as selected (for the user to inspect its disabled form) and its id returned, null for
   * the background.
   */
  inspectAt(target: EventTarget | null): string | null {
    const box = target instanceof Element ? target.closest<HTMLElement>('.drawflow-node') : null;
    for (const node of this.element.querySelectorAll('.drawflow-node.selected'))
      node.classList.remove('selected');
    box?.classList.add('selected');
    return box ? box.id.replace(/^node-/, '') : null;
  }

  /** Adds a node of `type` with empty data in the first free place of the visible canvas; returns its id. */
  addNode(type: NodeType): string {
    const { x, y } = this.freePlace();
    const inputs = type === 'start' ? 0 : 1;
    const id = this.editor.addNode(type, inputs, portsOf(type, {}).length, x, y, type, {}, nodeHtml(type));
    this.refreshNode(String(id));
    return String(id);
  }

  /**
   * The first place, row by row, where a new node keeps a gap to every node, in the part of the
   * canvas the user sees (Drawflow pans and zooms by a transform: canvas_x/y and zoom).
   */
  private freePlace(): { x: number; y: number } {
    const rem = rootFontSize();
    const gap = COLUMN_GAP_REM * rem;
    const boxes = this.nodeBoxes();
    const width = Math.max(NODE_SIZE_REM.w * rem, ...boxes.map((box) => box.w));
    const height = Math.max(NODE_SIZE_REM.h * rem, ...boxes.map((box) => box.h));
    // The visible part in canvas coordinates: Drawflow scales around the precanvas's centre, then pans.
    const zoom = this.editor.zoom || 1;
    const centreX = this.editor.precanvas.clientWidth / 2;
    const centreY = this.editor.precanvas.clientHeight / 2;
    const left = centreX - (this.editor.canvas_x + centreX) / zoom + MARGIN;
    const top = centreY - (this.editor.canvas_y + centreY) / zoom + MARGIN;
    const visibleWidth = this.element.clientWidth / zoom - 2 * MARGIN;
    const columns = Math.max(1, Math.floor((visibleWidth + gap) / (width + gap)));
    const taken = (x: number, y: number) =>
      boxes.some(
        (box) =>
          x < box.x + box.w + gap &&
          box.x < x + width + gap &&
          y < box.y + box.h + ROW_GAP &&
          box.y < y + height + ROW_GAP,
      );
    for (let row = 0; ; row++) {
      for (let column = 0; column < columns; column++) {
        const x = left + column * (width + gap);
        const y = top + row * (height + ROW_GAP);
        if (!taken(x, y)) return { x, y };
      }
    }
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
      // A label element beside the dot (not a ::after): it is text a test and a screen reader can read.
      const label =
        output.querySelector<HTMLElement>('.port-label') ??
        output.appendChild(Object.assign(document.createElement('span'), { className: 'port-label' }));
      label.textContent = ports[index] ?? '';
    });
  }
}
