/**
 * What a flow asks to send to a customer. The engine produces these (after `{{variable}}` templating);
 * the `sendWhatsAppMessage` activity turns them into Graph API requests. Shared by both sides so the
 * compiler checks the hand-off.
 */
export type OutgoingMessage =
  | { kind: 'text'; body: string; previewUrl?: boolean }
  | {
      kind: 'media';
      mediaType: 'image' | 'video' | 'document' | 'audio';
      link: string;
      caption?: string;
      filename?: string;
    }
  | {
      kind: 'buttons';
      body: string;
      header?: string;
      footer?: string;
      /** At most 3; `id` is what comes back in the customer's button_reply. */
      buttons: { id: string; title: string }[];
    }
  | {
      kind: 'list';
      body: string;
      header?: string;
      footer?: string;
      buttonLabel: string;
      sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
    }
  | {
      kind: 'template';
      name: string;
      language: string;
      /** Body `{{1}}…{{n}}` parameters, in order. */
      bodyParams: string[];
      headerParams?: string[];
      /** Quick-reply button payloads or the authentication code, by button index. */
      buttonParams?: { index: number; subType: 'quick_reply' | 'url' | 'copy_code'; value: string }[];
    };

/** The kinds WhatsApp lets a business send outside the 24-hour customer-service window. */
export function isAllowedOutsideWindow(message: OutgoingMessage): boolean {
  return message.kind === 'template';
}
