import { isWindowOpen } from '../../flow-state';
import {
  type ChoicePort,
  minutesToMs,
  type NodeContext,
  type NodeResult,
  type NodeRuntime,
  renderChoiceFrame,
  resumeChoiceNode,
  takeWindowClosedOutput,
} from '../../node-runtime';
import { renderTemplate, type Variables } from '../../variables';
import { fitToLimit, WHATSAPP_LIMITS } from '../../engine-action';
import type { ListNodeData } from './list-node';

export type ListPort = `row_${number}` | ChoicePort;
type Context = NodeContext<ListNodeData, ListPort>;

/** `list` at run time: one port per row across sections, then `other` and `timeout`. */
export const listNodeRuntime: NodeRuntime<ListNodeData, ListPort> = {
  ports: (data) => [...listRows(data).map((_, i) => rowPort(i)), 'other', 'timeout'],
  failurePorts: ['timeout'],
  execute: executeListNode,
  // A picked row (by reply id or typed title) → its port; anything else → `other`, or the list again.
  resume: (ctx, event) =>
    resumeChoiceNode(ctx, event, {
      titles: renderRowTitles(ctx.data, ctx.state.variables),
      portOf: rowPort,
      replyIdOf: (index) => listRowReplyId(ctx.nodeId, index),
      resend: executeListNode,
    }),
};

/** The rows of all sections in port order. */
export function listRows(data: ListNodeData): { title: string; description?: string }[] {
  return data.sections.flatMap((section) => section.rows);
}

function rowPort(index: number): `row_${number}` {
  return `row_${index + 1}`;
}

/** The reply id of row `index` (0-based across sections). */
function listRowReplyId(nodeId: string, index: number): string {
  return `${nodeId}.row_${index + 1}`;
}

/** The row titles as the customer sees them (templated, within the limit), in port order. */
function renderRowTitles(data: ListNodeData, variables: Variables): string[] {
  return listRows(data).map((row) =>
    fitToLimit(renderTemplate(row.title, variables), WHATSAPP_LIMITS.listRowTitle),
  );
}

/** Sends the list message and waits for the customer's choice (or takes `timeout` if the window is closed). */
function executeListNode(ctx: Context): NodeResult<ListPort> {
  if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, 'timeout');
  const render = (text: string) => renderTemplate(text, ctx.state.variables);
  const { buttonLabel, sections, timeoutMinutes } = ctx.data;
  // The same titles the resumer matches a typed answer against.
  const titles = renderRowTitles(ctx.data, ctx.state.variables);
  let rowIndex = 0;
  return {
    actions: [
      {
        type: 'send',
        nodeId: ctx.nodeId,
        message: {
          kind: 'list',
          ...renderChoiceFrame(ctx.data, ctx.state.variables),
          buttonLabel: render(buttonLabel),
          sections: sections.map((section) => ({
            title: section.title,
            rows: section.rows.map((row) => {
              const index = rowIndex++;
              return {
                id: listRowReplyId(ctx.nodeId, index),
                title: titles[index],
                description: row.description
                  ? fitToLimit(render(row.description), WHATSAPP_LIMITS.listRowDescription)
                  : undefined,
              };
            }),
          })),
        },
      },
    ],
    then: { wait: { kind: 'reply', timeoutMs: minutesToMs(timeoutMinutes) } },
  };
}
