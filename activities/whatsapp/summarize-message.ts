import type { OutgoingMessage } from '../../workflows/engine/engine-action';

const maxSummaryLength = 200;

/**
 * A one-line, human-readable summary of an outgoing message for `conversations.lastMessage`
 * (conversation lists show it), e.g. the text itself, `[image] caption` or `[template] order_update`.
 */
export function summarizeOutgoingMessage(message: OutgoingMessage): string {
  const summary = (() => {
    switch (message.kind) {
      case 'text':
        return message.body;
      case 'media':
        return `[${message.mediaType}]${message.caption ? ` ${message.caption}` : ''}`;
      case 'buttons':
      case 'list':
        return message.body;
      case 'template':
        return `[template] ${message.name}`;
    }
  })();
  return summary.length > maxSummaryLength ? `${summary.slice(0, maxSummaryLength - 1)}…` : summary;
}

/** The WhatsApp message type an outgoing message is sent as (`messages.type`). */
export function toWhatsAppMessageType(message: OutgoingMessage): string {
  switch (message.kind) {
    case 'text':
      return 'text';
    case 'media':
      return message.mediaType;
    case 'buttons':
    case 'list':
      return 'interactive';
    case 'template':
      return 'template';
  }
}
