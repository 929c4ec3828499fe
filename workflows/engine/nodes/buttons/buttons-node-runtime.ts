import { WHATSAPP_LIMITS } from '../../engine-action';
import { type ChoicePort, choiceNodeRuntime, type NodeRuntime } from '../../node-runtime';
import type { ButtonsNodeData } from './buttons-node';

export type ButtonsPort = `button_${number}` | ChoicePort;

/**
 * `buttons` at run time: one port per button, then `other` and `timeout`. A tapped or typed button
 * → its port; anything else → `other`, or the buttons again.
 */
export const buttonsNodeRuntime: NodeRuntime<ButtonsNodeData, ButtonsPort> = choiceNodeRuntime({
  portOf: (index) => `button_${index + 1}`,
  choicesOf: (data) => data.buttons,
  titleLimit: WHATSAPP_LIMITS.buttonTitle,
  messageOf: (_ctx, frame, choices) => ({ kind: 'buttons', ...frame, buttons: choices }),
});
