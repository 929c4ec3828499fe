import { renderTemplate } from '../../render-template';
import type { Variables } from '../../variables';
import { fitToLimit, WHATSAPP_LIMITS } from '../../whatsapp-limits';
import type { ButtonsNodeData } from './buttons-node-data';

/** Outputs: one per button, then `other`, then `timeout`. */
export function buttonsOutputs(data: ButtonsNodeData): { other: number; timeout: number } {
  return { other: data.buttons.length + 1, timeout: data.buttons.length + 2 };
}

/** The reply id of button `index` (0-based): node-scoped, so a tap on an older message is recognised as stale. */
export function buttonReplyId(nodeId: string, index: number): string {
  return `${nodeId}.button_${index + 1}`;
}

/** The button titles as the customer sees them (templated, within the limit): what a typed answer is matched against. */
export function renderButtonTitles(data: ButtonsNodeData, variables: Variables): string[] {
  return data.buttons.map((button) =>
    fitToLimit(renderTemplate(button.title, variables), WHATSAPP_LIMITS.buttonTitle),
  );
}
