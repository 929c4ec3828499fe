import { isNodeType, titleOf } from '../editor/node-types';
import type { DiffConnection, DiffNode, FlowRevisionDiff } from './flow-revision';

/** One change of a revision, as a line of text (and, for a changed node, one line per field). */
export interface DiffLine {
  change: 'added' | 'removed' | 'changed';
  text: string;
  details: string[];
}

/** Longest value shown in full; a longer one (a long message) is cut, the field's name says where. */
const MAX_VALUE_LENGTH = 120;

function nodeName(node: DiffNode): string {
  return `node ${node.nodeId} (${isNodeType(node.type) ? titleOf(node.type) : node.type})`;
}

/** A field's value as text: strings quoted, the rest as JSON, a missing one as "(none)". */
function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function connectionText(connection: DiffConnection): string {
  return `node ${connection.from} (${connection.port ?? connection.output}) → node ${connection.to}`;
}

function line(change: DiffLine['change'], text: string, details: string[] = []): DiffLine {
  return { change, text, details };
}

/**
 * A revision's diff as readable lines, for the revisions pane: nodes added, removed and changed
 * (each changed field as `field: old → new`), then connections added and removed. Text only: the
 * pane renders each line as text, so flow content with markup shows as written.
 */
export function describeRevisionDiff(diff: FlowRevisionDiff): DiffLine[] {
  const { nodes, connections } = diff;
  return [
    ...nodes.added.map((node) => line('added', `Added ${nodeName(node)}`)),
    ...nodes.removed.map((node) => line('removed', `Removed ${nodeName(node)}`)),
    ...nodes.changed.map((node) =>
      line('changed', `Changed ${nodeName(node)}`, [
        ...(node.oldType ? [`type: ${node.oldType} → ${node.type}`] : []),
        ...node.fields.map(
          (field) => `${field.field}: ${formatValue(field.old)} → ${formatValue(field.new)}`,
        ),
      ]),
    ),
    ...connections.added.map((connection) => line('added', `Connected ${connectionText(connection)}`)),
    ...connections.removed.map((connection) => line('removed', `Disconnected ${connectionText(connection)}`)),
  ];
}
