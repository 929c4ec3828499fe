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
import type { ButtonsNodeData } from './buttons-node';

export type ButtonsPort = `button_${number}` | ChoicePort;
type Context = NodeContext<ButtonsNodeData, ButtonsPort>;

/** `buttons` at run time: one port per button, then `other` and `timeout`. */
export const buttonsNodeRuntime: NodeRuntime<ButtonsNodeData, ButtonsPort> = {
  ports: (data) => [...data.buttons.map((_, i) => buttonPort(i)), 'other', 'timeout'],
  failurePorts: ['timeout'],
  execute: executeButtonsNode,
  // A tapped or typed button → its port; anything else → `other`, or the buttons again.
  resume: (ctx, event) =>
    resumeChoiceNode(ctx, event, {
      titles: renderButtonTitles(ctx.data, ctx.state.variables),
      portOf: buttonPort,
      replyIdOf: (index) => buttonReplyId(ctx.nodeId, index),
      resend: executeButtonsNode,
    }),
};

function buttonPort(index: number): `button_${number}` {
  return `button_${index + 1}`;
}

/** The reply id of button `index` (0-based): node-scoped, so a tap on an older message is recognised as stale. */
function buttonReplyId(nodeId: string, index: number): string {
  return `${nodeId}.button_${index + 1}`;
}

/** The button titles as the customer sees them (templated, within the limit): what a typed answer is matched against. */
function renderButtonTitles(data: ButtonsNodeData, variables: Variables): string[] {
  return data.buttons.map((button) =>
    fitToLimit(renderTemplate(button.title, variables), WHATSAPP_LIMITS.buttonTitle),
  );
}

/** Sends the reply buttons and waits for the customer's choice (or takes `timeout` if the window is closed). */
function executeButtonsNode(ctx: Context): NodeResult<ButtonsPort> {
  if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, 'timeout');
  return {
    actions: [
      {
        type: 'send',
        nodeId: ctx.nodeId,
        message: {
          kind: 'buttons',
          ...renderChoiceFrame(ctx.data, ctx.state.variables),
          buttons: renderButtonTitles(ctx.data, ctx.state.variables).map((title, index) => ({
            id: buttonReplyId(ctx.nodeId, index),
            title,
          })),
        },
      },
    ],
    then: { wait: { kind: 'reply', timeoutMs: minutesToMs(ctx.data.timeoutMinutes) } },
  };
}
