/**
 * Maps the engine's `OutgoingMessage` to the body of `POST /{version}/{phoneNumberId}/messages`.
 * Pure: the engine has already templated the text and checked WhatsApp's limits.
 */
import type { OutgoingMessage } from '../../workflows/engine/engine-action';

type TextParameter = { type: 'text'; text: string };
type ButtonParameter =
  TextParameter | { type: 'payload'; payload: string } | { type: 'coupon_code'; coupon_code: string };

/** A template component as Graph expects it. */
export type GraphTemplateComponent =
  | { type: 'header' | 'body'; parameters: TextParameter[] }
  | {
      type: 'button';
      sub_type: 'quick_reply' | 'url' | 'copy_code';
      index: string;
      parameters: ButtonParameter[];
    };

type MediaObject = { link: string; caption?: string; filename?: string };
type InteractiveFrame = {
  body: { text: string };
  header?: { type: 'text'; text: string };
  footer?: { text: string };
};

/** The type-specific part of a send body. */
export type GraphMessageContent =
  | { type: 'text'; text: { body: string; preview_url: boolean } }
  | { type: 'image'; image: MediaObject }
  | { type: 'video'; video: MediaObject }
  | { type: 'document'; document: MediaObject }
  | { type: 'audio'; audio: MediaObject }
  | {
      type: 'interactive';
      interactive: InteractiveFrame &
        (
          | { type: 'button'; action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] } }
          | {
              type: 'list';
              action: {
                button: string;
                sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
              };
            }
        );
    }
  | {
      type: 'template';
      template: { name: string; language: { code: string }; components?: GraphTemplateComponent[] };
    };

/** A complete Graph send body. */
export type GraphMessagePayload = {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  /** Echoed by Meta in this message's status webhooks (max 512 characters). */
  biz_opaque_callback_data?: string;
} & GraphMessageContent;

/**
 * Builds the Graph send body for one message to `to` (E.164, with or without `+`; Graph wants digits).
 * `callbackData` becomes `biz_opaque_callback_data`, which Meta returns in the status webhooks.
 */
export function toGraphMessagePayload(
  to: string,
  message: OutgoingMessage,
  options: { callbackData?: string } = {},
): GraphMessagePayload {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: to.replace(/^\+/, ''),
    ...(options.callbackData === undefined
      ? {}
      : { biz_opaque_callback_data: options.callbackData.slice(0, 512) }),
    ...toGraphMessageContent(message),
  };
}

function toGraphMessageContent(message: OutgoingMessage): GraphMessageContent {
  switch (message.kind) {
    case 'text':
      return { type: 'text', text: { body: message.body, preview_url: message.previewUrl ?? false } };
    case 'media':
      return toMediaContent(message);
    case 'buttons':
      return {
        type: 'interactive',
        interactive: {
          type: 'button',
          ...toInteractiveFrame(message),
          action: {
            buttons: message.buttons.map(({ id, title }) => ({ type: 'reply', reply: { id, title } })),
          },
        },
      };
    case 'list':
      return {
        type: 'interactive',
        interactive: {
          type: 'list',
          ...toInteractiveFrame(message),
          action: {
            button: message.buttonLabel,
            sections: message.sections.map((section) => ({
              ...(section.title === undefined ? {} : { title: section.title }),
              rows: section.rows.map((row) => ({
                id: row.id,
                title: row.title,
                ...(row.description === undefined ? {} : { description: row.description }),
              })),
            })),
          },
        },
      };
    case 'template':
      return toTemplateContent(message);
    default: {
      const unknownMessage: never = message;
      throw new TypeError(`Unknown outgoing message kind: ${JSON.stringify(unknownMessage)}`);
    }
  }
}

function toMediaContent(message: Extract<OutgoingMessage, { kind: 'media' }>): GraphMessageContent {
  const media: MediaObject = { link: message.link };
  // Graph rejects a caption on audio and a filename on anything but documents.
  if (message.caption !== undefined && message.mediaType !== 'audio') media.caption = message.caption;
  if (message.filename !== undefined && message.mediaType === 'document') media.filename = message.filename;
  switch (message.mediaType) {
    case 'image':
      return { type: 'image', image: media };
    case 'video':
      return { type: 'video', video: media };
    case 'document':
      return { type: 'document', document: media };
    case 'audio':
      return { type: 'audio', audio: media };
  }
}

function toInteractiveFrame(message: { body: string; header?: string; footer?: string }): InteractiveFrame {
  return {
    ...(message.header === undefined ? {} : { header: { type: 'text', text: message.header } }),
    body: { text: message.body },
    ...(message.footer === undefined ? {} : { footer: { text: message.footer } }),
  };
}

function toTemplateContent(message: Extract<OutgoingMessage, { kind: 'template' }>): GraphMessageContent {
  const toText = (text: string): TextParameter => ({ type: 'text', text });
  const components: GraphTemplateComponent[] = [];
  if (message.headerParams?.length)
    components.push({ type: 'header', parameters: message.headerParams.map(toText) });
  if (message.bodyParams.length)
    components.push({ type: 'body', parameters: message.bodyParams.map(toText) });
  for (const button of message.buttonParams ?? []) {
    components.push({
      type: 'button',
      sub_type: button.subType,
      index: String(button.index),
      parameters: [toButtonParameter(button.subType, button.value)],
    });
  }
  return {
    type: 'template',
    template: {
      name: message.name,
      language: { code: message.language },
      ...(components.length ? { components } : {}),
    },
  };
}

function toButtonParameter(subType: 'quick_reply' | 'url' | 'copy_code', value: string): ButtonParameter {
  switch (subType) {
    case 'quick_reply':
      return { type: 'payload', payload: value };
    case 'url':
      // The dynamic suffix of the button's URL (also how authentication templates carry the code).
      return { type: 'text', text: value };
    case 'copy_code':
      return { type: 'coupon_code', coupon_code: value };
  }
}
