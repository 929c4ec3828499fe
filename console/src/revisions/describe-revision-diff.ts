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

/**
 * A revision's diff as readable lines, for the revisions pane: nodes added, removed and changed
 * (each changed field as `field: old → new`), then connections added and removed. Text only: the
 * pane renders each line as text, so flow content with markup shows as written.
 */
export function describeRevisionDiff(diff: FlowRevisionDiff): DiffLine[] {
  return [
    ...diff.nodes.added.map((node) => ({
      change: 'added' as const,
      text: `Added ${nodeName(node)}`,
      details: [],
    })),
    ...diff.nodes.removed.map((node) => ({
      change: 'removed' as const,
      text: `Removed ${nodeName(node)}`,
      details: [],
    })),
    ...diff.nodes.changed.map((node) => ({
      change: 'changed' as const,
      text: `Changed ${nodeName(node)}`,
      details: [
        ...(node.oldType ? [`type: ${node.oldType} → ${node.type}`] : []),
        ...node.fields.map(
          (field) => `${field.field}: ${formatValue(field.old)} → ${formatValue(field.new)}`,
        ),
      ],
    })),
    ...diff.connections.added.map((connection) => ({
      change: 'added' as const,
      text: `Connected ${connectionText(connection)}`,
      details: [],
    })),
    ...diff.connections.removed.map((connection) => ({
      change: 'removed' as const,
      text: `Disconnected ${connectionText(connection)}`,
      details: [],
    })),
  ];
}
