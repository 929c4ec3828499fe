/**
 * A readable layered layout for generated flows: left to right along the flow, one column per
 * longest-path layer from the start, nodes of a column stacked with fixed spacing (so none overlap).
 * Edges that close a cycle (found by a depth-first walk from the start) are ignored for layering.
 */

/** What the layout needs to know about one node. */
export interface LayoutNode {
  id: string;
  /** Number of output ports; taller nodes get more room. */
  outputCount: number;
}

/** A node's box on the canvas (top-left corner plus the size the layout reserved). */
export interface LayoutBox {
  x: number;
  y: number;
  width: number;
  height: number;
  layer: number;
}

/** Canvas geometry, in Drawflow pixels. */
export const LAYOUT = {
  margin: 40,
  nodeWidth: 240,
  columnGap: 100,
  rowGap: 40,
  /** Height of a node with up to two ports; each further port adds `portHeight`. */
  baseHeight: 110,
  portHeight: 22,
} as const;

/** The height reserved for a node with `outputCount` outputs. */
export function nodeHeight(outputCount: number): number {
  return LAYOUT.baseHeight + Math.max(0, outputCount - 2) * LAYOUT.portHeight;
}

/**
 * Places every node. `edges` are `[from, to]` pairs in port order; `startId` is the first column.
 * Nodes unreachable from the start are layered from their own roots after the reachable ones.
 */
export function layoutFlow(
  nodes: readonly LayoutNode[],
  edges: readonly (readonly [string, string])[],
  startId: string | undefined,
): Map<string, LayoutBox> {
  const successors = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  for (const [from, to] of edges) {
    if (successors.has(from) && successors.has(to)) successors.get(from)?.push(to);
  }
  const roots = [
    ...(startId !== undefined && successors.has(startId) ? [startId] : []),
    ...nodes.map((n) => n.id),
  ];
  const { order, forward } = orderWithoutBackEdges(roots, successors);

  const layer = new Map<string, number>(order.map((id) => [id, 0]));
  for (const id of order) {
    for (const target of forward.get(id) ?? []) {
      layer.set(target, Math.max(layer.get(target) ?? 0, (layer.get(id) ?? 0) + 1));
    }
  }

  const columns: string[][] = [];
  for (const id of order) (columns[layer.get(id) ?? 0] ??= []).push(id);
  const rowOf = new Map<string, number>();
  const predecessors = invert(forward);
  const outputs = new Map(nodes.map((node) => [node.id, node.outputCount]));
  const boxes = new Map<string, LayoutBox>();
  columns.forEach((column, index) => {
    // Barycentre ordering: a node sits near the nodes that lead to it, which keeps edges short.
    const sorted = column
      .map((id, position) => ({ id, key: barycentre(predecessors.get(id) ?? [], rowOf) ?? position }))
      .sort((a, b) => a.key - b.key);
    let y: number = LAYOUT.margin;
    sorted.forEach(({ id }, row) => {
      rowOf.set(id, row);
      const height = nodeHeight(outputs.get(id) ?? 1);
      boxes.set(id, {
        x: LAYOUT.margin + index * (LAYOUT.nodeWidth + LAYOUT.columnGap),
        y,
        width: LAYOUT.nodeWidth,
        height,
        layer: index,
      });
      y += height + LAYOUT.rowGap;
    });
  });
  return boxes;
}

/**
 * A topological order of the graph once back edges are dropped, and its forward edges. Iterative
 * depth-first search (no recursion limit on long flows); the reverse post-order is topological.
 */
function orderWithoutBackEdges(
  roots: readonly string[],
  successors: ReadonlyMap<string, string[]>,
): { order: string[]; forward: Map<string, string[]> } {
  const state = new Map<string, 'open' | 'done'>();
  const postOrder: string[] = [];
  const forward = new Map<string, string[]>([...successors.keys()].map((id) => [id, []]));
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const targets = successors.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        const seen = state.get(target);
        if (seen === 'open') continue; // a back edge: it closes a cycle
        forward.get(frame.id)?.push(target);
        if (seen === undefined) {
          state.set(target, 'open');
          stack.push({ id: target, next: 0 });
        }
      } else {
        state.set(frame.id, 'done');
        postOrder.push(frame.id);
        stack.pop();
      }
    }
  }
  return { order: postOrder.reverse(), forward };
}

function invert(edges: ReadonlyMap<string, string[]>): Map<string, string[]> {
  const inverted = new Map<string, string[]>();
  for (const [from, targets] of edges) {
    for (const to of targets) (inverted.get(to) ?? inverted.set(to, []).get(to))?.push(from);
  }
  return inverted;
}

function barycentre(ids: readonly string[], rowOf: ReadonlyMap<string, number>): number | undefined {
  const rows = ids.map((id) => rowOf.get(id)).filter((row): row is number => row !== undefined);
  return rows.length === 0 ? undefined : rows.reduce((sum, row) => sum + row, 0) / rows.length;
}
