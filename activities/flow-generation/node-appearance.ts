/**
 * How a generated node looks in the Drawflow editor: its CSS `class` and its `html` body (title and
 * preview from the node's catalogue definition). Every
 * string from the model is HTML-escaped here: the editor renders `html` as markup.
 */
import { getNodeDefinition } from '../../workflows/engine/catalogue';
import type { NodeDataMap, NodeType } from '../../workflows/engine/node-runtimes';

const PREVIEW_CHARS = 120;

/** The node's `class` in the editor: its type, as flows drawn in the editor have it. */
export function nodeClassOf(type: NodeType): string {
  return type;
}

/** The node's `html`: a title and a short, escaped preview of what it does. */
export function nodeHtmlOf<T extends NodeType>(type: T, data: NodeDataMap[T]): string {
  const definition = getNodeDefinition(type);
  const preview = definition.preview?.(data);
  const title = `<div class="title-box">${escapeHtml(definition.title)}</div>`;
  if (!preview) return title;
  const short = preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS - 1)}…` : preview;
  return `${title}<div class="box">${escapeHtml(short)}</div>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
