import { fitToLimit, WHATSAPP_LIMITS } from '../../engine-action';
import { type ChoicePort, choiceNodeRuntime, type NodeRuntime } from '../../node-runtime';
import { renderTemplate } from '../../variables';
import type { ListNodeData } from './list-node';

export type ListPort = `row_${number}` | ChoicePort;

/**
 * `list` at run time: one port per row across sections, then `other` and `timeout`. A picked row
 * (by reply id or typed title) → its port; anything else → `other`, or the list again.
 */
export const listNodeRuntime: NodeRuntime<ListNodeData, ListPort> = choiceNodeRuntime({
  portOf: (index) => `row_${index + 1}`,
  choicesOf: listRows,
  titleLimit: WHATSAPP_LIMITS.listRowTitle,
  messageOf: (ctx, frame, choices) => {
    const render = (text: string) => renderTemplate(text, ctx.state.variables);
    let rowIndex = 0;
    return {
      kind: 'list',
      ...frame,
      buttonLabel: render(ctx.data.buttonLabel),
      sections: ctx.data.sections.map((section) => ({
        title: section.title,
        rows: section.rows.map((row) => ({
          ...choices[rowIndex++],
          description: row.description
            ? fitToLimit(render(row.description), WHATSAPP_LIMITS.listRowDescription)
            : undefined,
        })),
      })),
    };
  },
});

/** The rows of all sections in port order. */
export function listRows(data: ListNodeData): { title: string; description?: string }[] {
  return data.sections.flatMap((section) => section.rows);
}
