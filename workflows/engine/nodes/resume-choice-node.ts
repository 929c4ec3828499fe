import type { NodeContext, NodeEvent, NodeResult } from '../node-runtime';
import { renderTemplate } from '../render-template';
import type { Variables } from '../variables';
import { fitToLimit, WHATSAPP_LIMITS } from '../whatsapp-limits';

/** The ports every choice node (buttons, list) has after its choices. */
export type ChoicePort = 'other' | 'timeout';

/** What differs between the choice nodes (buttons, list); the reply rules are the same for both. */
export interface ChoiceNode<Data extends { variable?: string }, P extends string> {
  /** The choices' titles as the customer saw them (rendered), in port order. */
  titles: string[];
  /** The port of choice `index` (0-based). */
  portOf: (index: number) => P;
  /** The reply id WhatsApp echoes back when choice `index` is tapped. */
  replyIdOf: (index: number) => string;
  /** Sends the choices again when the answer matched nothing and `other` is not connected. */
  resend: (ctx: NodeContext<Data, P | ChoicePort>) => NodeResult<P | ChoicePort>;
}

/**
 * A tap (matched by reply id) or a typed title picks that choice's port. Anything else takes
 * `other` when it is connected; otherwise the choices are sent again — each retry needs a new
 * customer message, so this cannot loop by itself.
 */
export function resumeChoiceNode<Data extends { variable?: string }, P extends string>(
  ctx: NodeContext<Data, P | ChoicePort>,
  event: NodeEvent,
  choice: ChoiceNode<Data, P>,
): NodeResult<P | ChoicePort> {
  if (event.type !== 'reply') return { then: { next: 'timeout', reason: 'timeout' } };
  const typed = event.text.trim().toLowerCase();
  const index = choice.titles.findIndex(
    (title, i) => event.payload === choice.replyIdOf(i) || title.trim().toLowerCase() === typed,
  );
  const variable = ctx.data.variable;
  if (index >= 0) {
    return {
      variables: variable ? { [variable]: choice.titles[index] } : undefined,
      then: { next: choice.portOf(index) },
    };
  }
  if (ctx.isConnected('other')) {
    return {
      variables: variable ? { [variable]: event.text } : undefined,
      then: { next: 'other' },
    };
  }
  const again = choice.resend(ctx);
  return 'wait' in again.then ? { ...again, then: { ...again.then, retries: ctx.state.retries + 1 } } : again;
}

/** The text, header and footer of a choice node's interactive message, templated and within WhatsApp's limits. */
export function renderChoiceFrame(
  data: { text: string; header?: string; footer?: string },
  variables: Variables,
): { body: string; header?: string; footer?: string } {
  const render = (text: string, limit: number) => fitToLimit(renderTemplate(text, variables), limit);
  return {
    body: render(data.text, WHATSAPP_LIMITS.interactiveBody),
    header: data.header ? render(data.header, WHATSAPP_LIMITS.headerFooter) : undefined,
    footer: data.footer ? render(data.footer, WHATSAPP_LIMITS.headerFooter) : undefined,
  };
}
