import type { NodeContext, NodeEvent, NodeResult } from '../node-definition';

/** What differs between the choice nodes (buttons, list); the reply rules are the same for both. */
export interface ChoiceNode<Data extends { variable?: string }> {
  /** Output numbers of the "anything else" and "no reply" ports. */
  outputs: { other: number; timeout: number };
  /** The choices' titles as the customer saw them (rendered), in output order. */
  titles: string[];
  /** The reply id WhatsApp echoes back when choice `index` is tapped. */
  replyIdOf: (index: number) => string;
  /** Sends the choices again when the answer matched nothing and `other` is not connected. */
  resend: (ctx: NodeContext<Data>) => NodeResult;
}

/**
 * A tap (matched by reply id) or a typed title picks that choice's output. Anything else takes
 * `other` when it is connected; otherwise the choices are sent again — each retry needs a new
 * customer message, so this cannot loop by itself.
 */
export function resumeChoiceNode<Data extends { variable?: string }>(
  ctx: NodeContext<Data>,
  event: NodeEvent,
  choice: ChoiceNode<Data>,
): NodeResult {
  if (event.type !== 'reply') {
    return { then: { kind: 'next', output: choice.outputs.timeout, reason: 'timeout' } };
  }
  const typed = event.text.trim().toLowerCase();
  const index = choice.titles.findIndex(
    (title, i) => event.payload === choice.replyIdOf(i) || title.trim().toLowerCase() === typed,
  );
  const variable = ctx.data.variable;
  if (index >= 0) {
    return {
      variables: variable ? { [variable]: choice.titles[index] } : undefined,
      then: { kind: 'next', output: index + 1 },
    };
  }
  if (ctx.isConnected(choice.outputs.other)) {
    return {
      variables: variable ? { [variable]: event.text } : undefined,
      then: { kind: 'next', output: choice.outputs.other },
    };
  }
  const again = choice.resend(ctx);
  return again.then.kind === 'wait'
    ? { ...again, then: { ...again.then, retries: ctx.state.retries + 1 } }
    : again;
}
