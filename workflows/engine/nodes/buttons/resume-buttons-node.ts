import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import { buttonReplyId, buttonsOutputs, renderButtonTitles, type ButtonsNodeData } from './buttons-node-data';
import { executeButtonsNode } from './execute-buttons-node';

/**
 * A tap (matched by reply id) or a typed button title picks that button's output. Anything else
 * takes `other` when it is connected; otherwise the buttons are sent again — each retry needs a
 * new customer message, so this cannot loop by itself.
 */
export function resumeButtonsNode(ctx: NodeContext<ButtonsNodeData>, event: NodeEvent): NodeResult {
  const outputs = buttonsOutputs(ctx.data);
  if (event.type !== 'reply') return { then: { kind: 'next', output: outputs.timeout, reason: 'timeout' } };
  const typed = event.text.trim().toLowerCase();
  const titles = renderButtonTitles(ctx.data, ctx.state.variables);
  const index = titles.findIndex(
    (title, i) => event.payload === buttonReplyId(ctx.nodeId, i) || title.trim().toLowerCase() === typed,
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
  const again = executeButtonsNode(ctx);
  return again.then.kind === 'wait'
    ? { ...again, then: { ...again.then, retries: ctx.state.retries + 1 } }
    : again;
}
