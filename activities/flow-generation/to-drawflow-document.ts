/**
 * Code, not the model, writes the Drawflow JSON: numeric ids under string keys, every connection on
 * both sides, `html` and `class` per node type and a layered layout.
 */
import {
  type DrawflowDocument,
  type DrawflowNode,
  outputKeyOf,
  portIndexOf,
} from '../../workflows/engine/model/drawflow-document';
import { getNodeRuntime } from '../../workflows/engine/node-runtimes';
import type { CompactGraph, CompactNode } from './compact-graph-schema';
import { layoutFlow } from './layout-flow';
import { nodeClassOf, nodeHtmlOf } from './node-appearance';

/** The compact graph's edges do not fit its nodes; `problems` are written for the model to fix. */
export class CompactGraphError extends Error {
  override readonly name = 'CompactGraphError';
  constructor(readonly problems: string[]) {
    super(`The generated graph is inconsistent: ${problems.join(' ')}`);
  }
}

/** A Drawflow document and which Drawflow id each compact node id received. */
export interface DrawflowConversion {
  document: DrawflowDocument;
  drawflowIds: Map<string, number>;
}

/**
 * Turns a schema-valid compact graph into a Drawflow document. Node ids are 1…n: the start node
 * first, then column by column along the layout, so ids read in flow order.
 * @throws CompactGraphError when ids repeat or an edge names an unknown node or output, or reuses an output.
 */
export function toDrawflowDocument(graph: CompactGraph): DrawflowDocument {
  return convertToDrawflow(graph).document;
}

/** {@link toDrawflowDocument} plus the id mapping (to name the model's own ids in problems). */
export function convertToDrawflow(graph: CompactGraph): DrawflowConversion {
  const problems: string[] = [];
  const nodes = new Map<string, { node: CompactNode; outputs: readonly string[] }>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) problems.push(`Two nodes have the id "${node.id}"; node ids must be unique.`);
    else nodes.set(node.id, { node, outputs: outputsOf(node) });
  }
  const links: { from: string; port: number; to: string }[] = [];
  const used = new Set<string>();
  graph.edges.forEach((edge, index) => {
    const source = nodes.get(edge.from);
    const label = `edges[${index}] (${edge.from}.${edge.fromOutput} → ${edge.to})`;
    if (!source) return problems.push(`${label}: there is no node "${edge.from}".`);
    if (!nodes.has(edge.to)) return problems.push(`${label}: there is no node "${edge.to}".`);
    const port = portIndexOf(source.outputs, edge.fromOutput);
    if (port < 0) {
      const names = source.outputs.join(', ') || 'none';
      return problems.push(
        `${label}: node "${edge.from}" (${source.node.type}) has no output "${edge.fromOutput}"; its outputs are: ${names}.`,
      );
    }
    const key = `${edge.from}#${port}`;
    if (used.has(key)) {
      return problems.push(
        `${label}: output "${edge.fromOutput}" of "${edge.from}" already has an edge; an output leads to one node only.`,
      );
    }
    used.add(key);
    links.push({ from: edge.from, port, to: edge.to });
  });
  if (problems.length > 0) throw new CompactGraphError(problems);

  const start = graph.nodes.find((node) => node.type === 'start');
  const boxes = layoutFlow(
    [...nodes.values()].map(({ node, outputs }) => ({ id: node.id, outputCount: outputs.length })),
    [...links].sort((a, b) => a.port - b.port).map((link) => [link.from, link.to] as const),
    start?.id,
  );
  const ordered = [...nodes.keys()].sort((a, b) => {
    const boxA = boxes.get(a);
    const boxB = boxes.get(b);
    return (boxA?.layer ?? 0) - (boxB?.layer ?? 0) || (boxA?.y ?? 0) - (boxB?.y ?? 0);
  });
  const drawflowId = new Map(ordered.map((id, index) => [id, index + 1]));

  const data: Record<string, DrawflowNode> = {};
  for (const id of ordered) {
    const { node, outputs } = nodes.get(id) as { node: CompactNode; outputs: readonly string[] };
    const numeric = drawflowId.get(id) as number;
    const box = boxes.get(id);
    data[String(numeric)] = {
      id: numeric,
      name: node.type,
      data: node.data,
      class: nodeClassOf(node.type),
      html: nodeHtmlOf(node.type, node.data as never),
      typenode: false,
      inputs: node.type === 'start' ? {} : { input_1: { connections: [] } },
      outputs: Object.fromEntries(outputs.map((_, i) => [outputKeyOf(i), { connections: [] }])),
      pos_x: box?.x ?? 0,
      pos_y: box?.y ?? 0,
    };
  }
  for (const link of links) {
    const source = data[String(drawflowId.get(link.from))];
    const target = data[String(drawflowId.get(link.to))];
    const port = outputKeyOf(link.port);
    source.outputs[port].connections.push({ node: String(target.id), output: 'input_1' });
    (target.inputs.input_1 ??= { connections: [] }).connections.push({
      node: String(source.id),
      input: port,
    });
  }
  return { document: { drawflow: { Home: { data } } }, drawflowIds: drawflowId };
}

function outputsOf(node: CompactNode): readonly string[] {
  // The compiler cannot pair a union's `type` with its `data`; the discriminated union guarantees it.
  const runtime = getNodeRuntime(node.type) as { ports(data: CompactNode['data']): readonly string[] };
  return runtime.ports(node.data);
}
