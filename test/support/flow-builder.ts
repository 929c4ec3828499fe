/**
 * Builds valid Drawflow JSON (connections written on both sides) for tests, fluently:
 *
 *   const doc = flow()
 *     .start()
 *     .then('question', { prompt: 'Your age?', variable: 'age', validation: 'number' }, { as: 'ask' })
 *     .then('condition', { rules: [{ variable: 'age', operator: 'gte', value: '18' }] }, { as: 'adult' })
 *     .then('message', { text: 'Welcome, {{age}}!' })
 *     .at('adult', 'else').then('message', { text: 'Sorry, adults only.' })
 *     .at('ask', 'timeout').then('end', { outcome: 'failed', reason: 'no_answer' })
 *     .build();
 *
 * - `then(type, data, { as })` adds a node and connects the cursor's output to it; the cursor
 *   moves to the new node's first output.
 * - `at(alias, output)` moves the cursor to an existing node and output; `to(alias)` connects the
 *   cursor to an existing node (loops, merges). Outputs are a 1-based number or the catalogue's
 *   name for the output (`timeout`, `else`, `button_2`, `rule_1`, an intent name…).
 * - Ids are 1, 2, 3… in the order nodes are added; every node is also reachable by its id as alias.
 * - `build()` returns the Drawflow document; `graph()` parses it with `parseFlowGraph`.
 * - `data` is typed by node type but not validated here, so validator tests can build bad flows.
 */
import {
  type DrawflowDocument,
  type DrawflowNode,
  outputKeyOf,
  portIndexOf,
} from '../../workflows/engine/model/drawflow-document';
import { type FlowGraph, parseFlowGraph } from '../../workflows/engine/model/flow-graph';
import {
  getNodeRuntime,
  isNodeType,
  type NodeDataMap,
  type NodeType,
} from '../../workflows/engine/node-runtimes';

/** An output: 1-based number or its catalogue name. */
export type OutputRef = number | string;

export interface AddNodeOptions {
  /** A name to refer to the node later (`at`, `to`, `id`). */
  as?: string;
}

/** Starts a new flow builder. */
export function flow(): FlowBuilder {
  return new FlowBuilder();
}

export class FlowBuilder {
  private readonly nodes = new Map<string, DrawflowNode>();
  private readonly aliases = new Map<string, string>();
  private cursor: { id: string; output: OutputRef } | null = null;

  /** Adds the start node (cursor on it). */
  start(options: AddNodeOptions = {}): this {
    this.add('start', {}, options);
    return this;
  }

  /** Adds a node connected from the cursor (when there is one) and moves the cursor to it. */
  then<T extends NodeType>(type: T, data: NodeDataMap[T], options: AddNodeOptions = {}): this {
    const from = this.cursor;
    const id = this.addNode(type, data, options);
    if (from) this.connect(from.id, from.output, id);
    this.cursor = { id, output: 1 };
    return this;
  }

  /** Adds an unconnected node and moves the cursor to it. */
  add<T extends NodeType>(type: T, data: NodeDataMap[T], options: AddNodeOptions = {}): this {
    const id = this.addNode(type, data, options);
    this.cursor = { id, output: 1 };
    return this;
  }

  /** Moves the cursor to an existing node's output. */
  at(node: string, output: OutputRef = 1): this {
    this.cursor = { id: this.id(node), output };
    return this;
  }

  /** Uses another output of the cursor's node for the next `then`/`to`. */
  via(output: OutputRef): this {
    if (!this.cursor) throw new Error('via() needs a cursor: call start(), then() or at() first.');
    this.cursor = { ...this.cursor, output };
    return this;
  }

  /** Connects the cursor's output to an existing node (a loop or a merge). */
  to(node: string): this {
    if (!this.cursor) throw new Error('to() needs a cursor: call start(), then() or at() first.');
    this.connect(this.cursor.id, this.cursor.output, this.id(node));
    return this;
  }

  /** Connects `from`'s output to `to`'s input, on both sides as Drawflow does. */
  connect(from: string, output: OutputRef, to: string): this {
    const source = this.node(from);
    const target = this.node(to);
    const port = outputKeyOf(this.outputNumber(source, output) - 1);
    (source.outputs[port] ??= { connections: [] }).connections.push({
      node: String(target.id),
      output: 'input_1',
    });
    (target.inputs.input_1 ??= { connections: [] }).connections.push({
      node: String(source.id),
      input: port,
    });
    return this;
  }

  /** The Drawflow id (as a string key) of a node by alias or id. */
  id(node: string): string {
    const id = this.aliases.get(node) ?? (this.nodes.has(node) ? node : undefined);
    if (id === undefined) throw new Error(`No node "${node}" in this flow.`);
    return id;
  }

  /** The Drawflow document (a fresh deep copy each time, so tests can mutate it freely). */
  build(): DrawflowDocument {
    const data: Record<string, DrawflowNode> = {};
    for (const [id, node] of this.nodes) data[id] = structuredClone(node);
    return { drawflow: { Home: { data } } };
  }

  /** The parsed graph (throws InvalidFlowGraphError when the flow cannot run). */
  graph(): FlowGraph {
    return parseFlowGraph(this.build());
  }

  private addNode<T extends NodeType>(type: T, data: NodeDataMap[T], options: AddNodeOptions): string {
    const numeric = this.nodes.size + 1;
    const id = String(numeric);
    if (options.as !== undefined) {
      if (this.aliases.has(options.as)) throw new Error(`The alias "${options.as}" is already used.`);
      this.aliases.set(options.as, id);
    }
    const outputs: DrawflowNode['outputs'] = {};
    for (let index = 0; index < outputCount(type, data); index++)
      outputs[outputKeyOf(index)] = { connections: [] };
    this.nodes.set(id, {
      id: numeric,
      name: type,
      data,
      class: type,
      html: '',
      typenode: false,
      inputs: type === 'start' ? {} : { input_1: { connections: [] } },
      outputs,
      pos_x: 40 + 260 * ((numeric - 1) % 8),
      pos_y: 40 + 160 * Math.floor((numeric - 1) / 8),
    });
    return id;
  }

  private node(ref: string): DrawflowNode {
    const node = this.nodes.get(this.id(ref));
    if (!node) throw new Error(`No node "${ref}" in this flow.`);
    return node;
  }

  private outputNumber(node: DrawflowNode, output: OutputRef): number {
    if (typeof output === 'number') return output;
    const type = node.name as NodeType;
    const names = outputNames(type, node.data as NodeDataMap[NodeType]) ?? [];
    const index = portIndexOf(names, output);
    if (index < 0) {
      throw new Error(
        `Node ${node.id} (${node.name}) has no output "${output}"; it has: ${names.join(', ') || 'none'}.`,
      );
    }
    return index + 1;
  }
}

/** The catalogue's output names, or null when the type is unknown or the data too broken to say. */
function outputNames<T extends NodeType>(type: T, data: NodeDataMap[T]): string[] | null {
  if (!isNodeType(type)) return null;
  try {
    return [...getNodeRuntime(type).ports(data)];
  } catch {
    // Deliberately broken data (validator tests) may not say how many outputs there are.
    return null;
  }
}

function outputCount<T extends NodeType>(type: T, data: NodeDataMap[T]): number {
  return outputNames(type, data)?.length ?? 1;
}

/** A valid flow that uses every node type once, with a loop back from a button (validator and parser tests). */
export function everyNodeTypeFlow(): DrawflowDocument {
  return flow()
    .start()
    .then('message', { text: 'Hi {{name}}' })
    .then('media', { mediaType: 'image', link: 'https://example.com/a.png', caption: 'Look' })
    .then('buttons', { text: 'Pick', buttons: [{ title: 'Yes' }, { title: 'No' }] }, { as: 'pick' })
    .then('list', {
      text: 'Menu',
      buttonLabel: 'Open',
      sections: [{ title: 'Food', rows: [{ title: 'Pizza', description: 'Hot' }] }],
    })
    .then('question', { prompt: 'Email?', variable: 'email', validation: 'email' })
    .then('condition', { rules: [{ variable: 'email', operator: 'contains', value: '@' }] })
    .then('business_hours', {
      timeZone: 'Europe/Berlin',
      hours: { monday: [{ from: '09:00', to: '17:00' }] },
      holidays: ['2026-12-25'],
    })
    .then('set_variable', { assignments: [{ variable: 'x', value: '1' }] })
    .then('http_request', { method: 'GET', url: 'https://api.example.com/{{x}}' })
    .then('ai_router', { intents: [{ name: 'buy', description: 'wants to buy' }] })
    .then('ai_reply', { systemPrompt: 'Be kind' })
    .then('delay', { amount: 5, unit: 'minutes' })
    .then('template', { name: 'follow_up', language: 'en_US', bodyParams: ['{{name}}'] })
    .then('handoff', { message: 'An agent is coming', timeoutMinutes: 30 })
    .then('end', {})
    .at('pick', 'button_2')
    .to('pick')
    .build();
}
