import { isWindowOpen } from '../../customer-window';
import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import { fitToLimit, WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { minutesToMs } from '../timeout-minutes';
import { takeWindowClosedOutput } from '../take-window-closed-output';
import type { QuestionNodeData } from './question-node-data';
import { questionOutputs } from './question-outputs';

/**
 * Sends the prompt (if any) and waits for the answer. A question without a prompt only waits,
 * which is how a flow listens for the answer to a template while the window is still closed.
 */
export function executeQuestionNode(ctx: NodeContext<QuestionNodeData>): NodeResult {
  const wait = { kind: 'reply', timeoutMs: minutesToMs(ctx.data.timeoutMinutes) } as const;
  const prompt = ctx.data.prompt ? renderTemplate(ctx.data.prompt, ctx.state.variables) : '';
  if (prompt === '') return { then: { kind: 'wait', wait } };
  if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, questionOutputs.timeout);
  return {
    actions: [
      {
        type: 'send',
        nodeId: ctx.nodeId,
        message: { kind: 'text', body: fitToLimit(prompt, WHATSAPP_LIMITS.textBody) },
      },
    ],
    then: { kind: 'wait', wait },
  };
}
