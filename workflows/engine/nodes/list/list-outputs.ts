import { renderTemplate } from '../../render-template';
import type { Variables } from '../../variables';
import { fitToLimit, WHATSAPP_LIMITS } from '../../whatsapp-limits';
import type { ListNodeData } from './list-node-data';

/** The rows of all sections in output order. */
export function listRows(data: ListNodeData): { title: string; description?: string }[] {
  return data.sections.flatMap((section) => section.rows);
}

/** Outputs: one per row, then `other`, then `timeout`. */
export function listOutputs(data: ListNodeData): { other: number; timeout: number } {
  const rows = listRows(data).length;
  return { other: rows + 1, timeout: rows + 2 };
}

/** The reply id of row `index` (0-based across sections). */
export function listRowReplyId(nodeId: string, index: number): string {
  return `${nodeId}.row_${index + 1}`;
}

/** The row titles as the customer sees them (templated, within the limit), in output order. */
export function renderRowTitles(data: ListNodeData, variables: Variables): string[] {
  return listRows(data).map((row) =>
    fitToLimit(renderTemplate(row.title, variables), WHATSAPP_LIMITS.listRowTitle),
  );
}
