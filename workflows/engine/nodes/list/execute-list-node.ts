import { isWindowOpen } from '../../customer-window';
import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import { fitToLimit, WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { minutesToMs } from '../timeout-minutes';
import { takeWindowClosedOutput } from '../take-window-closed-output';
import type { ListNodeData } from './list-node-data';
import { listOutputs, listRowReplyId, renderRowTitles } from './list-outputs';

/** Sends the list message and waits for the customer's choice (or takes `timeout` if the window is closed). */
export function executeListNode(ctx: NodeContext<ListNodeData>): NodeResult {
  if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, listOutputs(ctx.data).timeout);
  const render = (text: string) => renderTemplate(text, ctx.state.variables);
  const { text, header, footer, buttonLabel, sections, timeoutMinutes } = ctx.data;
  // The same titles resume-list-node.ts matches a typed answer against.
  const titles = renderRowTitles(ctx.data, ctx.state.variables);
  let rowIndex = 0;
  return {
    actions: [
      {
        type: 'send',
        nodeId: ctx.nodeId,
        message: {
          kind: 'list',
          body: fitToLimit(render(text), WHATSAPP_LIMITS.interactiveBody),
          header: header ? fitToLimit(render(header), WHATSAPP_LIMITS.headerFooter) : undefined,
          footer: footer ? fitToLimit(render(footer), WHATSAPP_LIMITS.headerFooter) : undefined,
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
    then: { kind: 'wait', wait: { kind: 'reply', timeoutMs: minutesToMs(timeoutMinutes) } },
  };
}
