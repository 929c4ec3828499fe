/**
 * Builders for the bodies Meta POSTs to a WhatsApp webhook, shaped like the real notifications, and
 * `signWebhookBody` for the `X-Hub-Signature-256` header. Every builder takes the parts a test varies
 * and fills the rest with realistic values.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Who the notification is for and from. */
export interface WebhookParties {
  /** The business number's phone_number_id (our whatsapp_accounts row). */
  phoneNumberId: string;
  /** Customer's number, E.164 without `+`. */
  from: string;
  displayPhoneNumber?: string;
  wabaId?: string;
  profileName?: string;
}

/** Common fields of an inbound message; `id` and `timestamp` are generated when omitted. */
export interface InboundMessageOptions extends WebhookParties {
  id?: string;
  /** Epoch milliseconds; sent as Unix seconds in a string, as Meta does. */
  sentAt?: number;
}

type MessageContent = Record<string, unknown> & { type: string };

/** A fresh, realistic-looking inbound wamid. */
export function makeInboundWaMessageId(): string {
  return `wamid.HBgL${randomBytes(18).toString('base64url').toUpperCase()}`;
}

/** Wraps one change `value` in Meta's envelope. */
function wrapChange(parties: WebhookParties, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: parties.wabaId ?? '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: parties.displayPhoneNumber ?? '15550783881',
                phone_number_id: parties.phoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

function buildInbound(options: InboundMessageOptions, content: MessageContent) {
  return wrapChange(options, {
    contacts: [{ profile: { name: options.profileName ?? 'Test Customer' }, wa_id: options.from }],
    messages: [
      {
        from: options.from,
        id: options.id ?? makeInboundWaMessageId(),
        timestamp: String(Math.floor((options.sentAt ?? Date.now()) / 1000)),
        ...content,
      },
    ],
  });
}

/** A customer's text message. */
export function buildTextMessageWebhook(options: InboundMessageOptions & { text: string }) {
  return buildInbound(options, { type: 'text', text: { body: options.text } });
}

/** A tap on an interactive reply button. */
export function buildButtonReplyWebhook(options: InboundMessageOptions & { replyId: string; title: string }) {
  return buildInbound(options, {
    type: 'interactive',
    interactive: { type: 'button_reply', button_reply: { id: options.replyId, title: options.title } },
  });
}

/** A pick from an interactive list. */
export function buildListReplyWebhook(
  options: InboundMessageOptions & { replyId: string; title: string; description?: string },
) {
  return buildInbound(options, {
    type: 'interactive',
    interactive: {
      type: 'list_reply',
      list_reply: {
        id: options.replyId,
        title: options.title,
        ...(options.description === undefined ? {} : { description: options.description }),
      },
    },
  });
}

/** A tap on a template's quick-reply button (type `button`, not `interactive`). */
export function buildTemplateButtonWebhook(
  options: InboundMessageOptions & { payload: string; text: string },
) {
  return buildInbound(options, { type: 'button', button: { payload: options.payload, text: options.text } });
}

/** An image the customer sent (media arrives as an id to download, never a URL). */
export function buildImageMessageWebhook(
  options: InboundMessageOptions & { mediaId?: string; caption?: string; mimeType?: string },
) {
  return buildInbound(options, {
    type: 'image',
    image: {
      id: options.mediaId ?? String(1_000_000_000_000 + Math.floor(Math.random() * 1e12)),
      mime_type: options.mimeType ?? 'image/jpeg',
      sha256: randomBytes(32).toString('base64'),
      ...(options.caption === undefined ? {} : { caption: options.caption }),
    },
  });
}

/** Delivery status of one of our messages. */
export interface StatusUpdateOptions extends WebhookParties {
  /** The wamid our send returned. */
  waMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  sentAt?: number;
  errors?: { code: number; title: string; message?: string; details?: string }[];
}

/**
 * A status notification; `from` is the recipient. Meta sends `sent`/`delivered`/`read` with
 * conversation and pricing details and `failed` with `errors`.
 */
export function buildStatusWebhook(options: StatusUpdateOptions) {
  const status: Record<string, unknown> = {
    id: options.waMessageId,
    status: options.status,
    timestamp: String(Math.floor((options.sentAt ?? Date.now()) / 1000)),
    recipient_id: options.from,
  };
  if (options.status === 'failed') {
    status.errors = (options.errors ?? []).map((error) => ({
      code: error.code,
      title: error.title,
      message: error.message ?? error.title,
      error_data: { details: error.details ?? error.title },
    }));
  } else {
    status.conversation = { id: randomBytes(16).toString('hex'), origin: { type: 'service' } };
    status.pricing = { billable: true, pricing_model: 'CBP', category: 'service' };
  }
  return wrapChange(options, { statuses: [status] });
}

/** The late failure Meta reports when a non-template message went out after the 24-hour window. */
export function buildWindowClosedFailureWebhook(options: Omit<StatusUpdateOptions, 'status' | 'errors'>) {
  return buildStatusWebhook({
    ...options,
    status: 'failed',
    errors: [
      {
        code: 131047,
        title: 'Re-engagement message',
        details:
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      },
    ],
  });
}

/** The `X-Hub-Signature-256` value Meta sends: `sha256=` + hex HMAC-SHA256 of the raw body bytes. */
export function signWebhookBody(rawBody: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
