/**
 * How a generated node looks in the Drawflow editor: its CSS `class` and its `html` body. Every
 * string from the model is HTML-escaped here: the editor renders `html` as markup.
 */
import type { NodeDataMap, NodeType } from '../../workflows/engine/node-types';

const TITLES: Record<NodeType, string> = {
  start: 'Start',
  message: 'Message',
  media: 'Media',
  buttons: 'Buttons',
  list: 'List',
  template: 'Template',
  question: 'Question',
  condition: 'Condition',
  set_variable: 'Set variable',
  http_request: 'HTTP request',
  ai_reply: 'AI reply',
  ai_router: 'AI router',
  delay: 'Delay',
  handoff: 'Handoff',
  end: 'End',
};

const PREVIEWS: { [T in NodeType]: (data: NodeDataMap[T]) => string | undefined } = {
  start: () => undefined,
  message: (data) => data.text,
  media: (data) => data.caption ?? `${data.mediaType}: ${data.link}`,
  buttons: (data) => `${data.text} [${data.buttons.map((button) => button.title).join(' | ')}]`,
  list: (data) => data.text,
  template: (data) => `${data.name} (${data.language})`,
  question: (data) => data.prompt ?? `→ {{${data.variable}}}`,
  condition: (data) =>
    data.rules.map((rule) => `${rule.variable} ${rule.operator} ${rule.value ?? ''}`).join('; '),
  set_variable: (data) => data.assignments.map((a) => `${a.variable} = ${a.value}`).join('; '),
  http_request: (data) => `${data.method} ${data.url}`,
  ai_reply: (data) => data.systemPrompt,
  ai_router: (data) => data.intents.map((intent) => intent.name).join(', '),
  delay: (data) => `${data.amount} ${data.unit}`,
  handoff: (data) => data.message ?? data.reason,
  end: (data) => data.reason ?? data.outcome,
};

const PREVIEW_CHARS = 120;

/** The node's `class` in the editor: its type, as flows drawn in the editor have it. */
export function nodeClassOf(type: NodeType): string {
  return type;
}

/** The node's `html`: a title and a short, escaped preview of what it does. */
export function nodeHtmlOf<T extends NodeType>(type: T, data: NodeDataMap[T]): string {
  const preview = (PREVIEWS[type] as (data: NodeDataMap[T]) => string | undefined)(data);
  const title = `<div class="title-box">${escapeHtml(TITLES[type])}</div>`;
  if (!preview) return title;
  const short = preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS - 1)}…` : preview;
  return `${title}<div class="box">${escapeHtml(short)}</div>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
