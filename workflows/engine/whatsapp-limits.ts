/**
 * WhatsApp Cloud API limits the engine enforces (shared/docs/whatsapp-cloud-api.md). The node
 * schemas use them so that the validator, the AI generator's schema and the runtime agree.
 */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  mediaCaption: 1024,
  interactiveBody: 1024,
  headerFooter: 60,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  listSections: 10,
  listRowTitle: 24,
  listRowDescription: 72,
  listButtonLabel: 20,
  listSectionTitle: 24,
} as const;

/**
 * Cuts rendered text to a WhatsApp limit. Templating can make a valid node's text too long at run
 * time; a shortened message beats one the Graph API rejects as a non-retryable error.
 */
export function fitToLimit(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
