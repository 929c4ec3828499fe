/**
 * Compact graphs as the flow generator's model would answer them, for generation tests and the fake
 * OpenAI server: a valid pizza-support flow, variants that break a rule, and a strict-mode answer.
 */
import type { CompactGraph } from '../../activities/flow-generation/compact-graph-schema';

/** A valid 8-node flow with a branch, a loop back and a handoff. */
export function pizzaSupportGraph(): CompactGraph {
  return {
    name: 'Pizza support',
    description: 'Answers order questions for a pizza restaurant and hands over to staff.',
    nodes: [
      { id: 'start', type: 'start', data: {} },
      { id: 'welcome', type: 'message', data: { text: 'Hi! Welcome to Luigi’s Pizza 🍕' } },
      {
        id: 'menu',
        type: 'buttons',
        data: {
          text: 'How can we help?',
          buttons: [{ title: 'Order status' }, { title: 'Opening hours' }, { title: 'Talk to staff' }],
          variable: 'choice',
          timeoutMinutes: 60,
        },
      },
      {
        id: 'ask_order',
        type: 'question',
        data: { prompt: 'What is your order number?', variable: 'order_number', validation: 'number' },
      },
      { id: 'status', type: 'message', data: { text: 'Order {{order_number}} is in the oven.' } },
      { id: 'hours', type: 'message', data: { text: 'We are open 11:00–23:00 every day.' } },
      { id: 'staff', type: 'handoff', data: { message: 'A staff member will answer shortly.' } },
      { id: 'done', type: 'end', data: { outcome: 'completed' } },
    ],
    edges: [
      { from: 'start', fromOutput: 'next', to: 'welcome' },
      { from: 'welcome', fromOutput: 'sent', to: 'menu' },
      { from: 'menu', fromOutput: 'button_1', to: 'ask_order' },
      { from: 'menu', fromOutput: 'button_2', to: 'hours' },
      { from: 'menu', fromOutput: 'button_3', to: 'staff' },
      { from: 'ask_order', fromOutput: 'answered', to: 'status' },
      { from: 'ask_order', fromOutput: 'invalid', to: 'staff' },
      { from: 'status', fromOutput: 'sent', to: 'done' },
      { from: 'hours', fromOutput: 'sent', to: 'menu' },
      { from: 'staff', fromOutput: 'released', to: 'done' },
    ],
  };
}

/** The pizza flow with a button title over WhatsApp's 20-character limit (a validator problem). */
export function graphWithLongButtonTitle(): CompactGraph {
  const graph = pizzaSupportGraph();
  const menu = graph.nodes.find((node) => node.id === 'menu');
  if (menu?.type !== 'buttons') throw new Error('pizzaSupportGraph changed: no buttons node "menu"');
  menu.data.buttons[0] = { title: 'Where is my order right now?' };
  return graph;
}

/** How a strict structured-output answer writes a graph: every optional field present, as null. */
export function asStrictAnswer(graph: CompactGraph): unknown {
  return JSON.parse(JSON.stringify(graph), (key, value: unknown) =>
    key === 'data' && value && typeof value === 'object' && !Array.isArray(value)
      ? { header: null, footer: null, ...value }
      : value,
  );
}
