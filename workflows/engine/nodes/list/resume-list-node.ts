import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import { executeListNode } from './execute-list-node';
import { listOutputs, listRowReplyId, renderRowTitles, type ListNodeData } from './list-node-data';

/** Same rules as buttons: a picked row (by reply id or typed title) → its output; else `other` or re-send. */
export function resumeListNode(ctx: NodeContext<ListNodeData>, event: NodeEvent): NodeResult {
  const outputs = listOutputs(ctx.data);
  if (event.type !== 'reply') return { then: { kind: 'next', output: outputs.timeout, reason: 'timeout' } };
  const titles = renderRowTitles(ctx.data, ctx.state.variables);
  const typed = event.text.trim().toLowerCase();
  const index = titles.findIndex(
    (title, i) => event.payload === listRowReplyId(ctx.nodeId, i) || title.trim().toLowerCase() === typed,
  );
  const variable = ctx.data.variable;
  if (index >= 0) {
    return {
      variables: variable ? { [variable]: titles[index] } : undefined,
      then: { kind: 'next', output: index + 1 },
    };
  }
  if (ctx.isConnected(outputs.other)) {
    return {
      variables: variable ? { [variable]: event.text } : undefined,
      then: { kind: 'next', output: outputs.other },
    };
  }
  const again = executeListNode(ctx);
  return again.then.kind === 'wait'
    ? { ...again, then: { ...again.then, retries: ctx.state.retries + 1 } }
    : again;
}
