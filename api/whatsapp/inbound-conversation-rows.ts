/**
 * The statements of the inbound path: the customer's message row, the conversation's window and
 * list fields, and the flow-less `handoff` conversation. Shared by ingestion and the opt-out keywords.
 */
import type { DataSource } from 'typeorm';
import type { CustomerMessage } from '../../workflows/definitions';
import type { InboundMessage } from '../schemas/whatsapp-webhook';
import type { ReceivingAccount } from './ingest-customer-message';

/** Whether this wamid is stored in a conversation already (a redelivery). */
export async function isKnownMessage(dataSource: DataSource, waMessageId: string): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(
    `SELECT 1 FROM messages WHERE "waMessageId" = $1 AND "conversationId" IS NOT NULL`,
    [waMessageId],
  );
  return rows.length > 0;
}

/** Inserts the message once; a redelivery changes nothing (an orphan row is attached). */
export async function storeMessage(
  dataSource: DataSource,
  accountId: string,
  conversationId: string,
  message: InboundMessage,
  customerMessage: CustomerMessage,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO messages ("conversationId", "whatsappAccountId", direction, type, content, "waMessageId", status)
     VALUES ($1, $2, 'inbound', $3, $4::jsonb, $5, 'received')
     ON CONFLICT ("waMessageId") DO UPDATE SET "conversationId" = EXCLUDED."conversationId"
      WHERE messages."conversationId" IS NULL`,
    [
      conversationId,
      accountId,
      message.type,
      JSON.stringify(toStoredContent(message, customerMessage)),
      message.id,
    ],
  );
}

function toStoredContent(message: InboundMessage, customerMessage: CustomerMessage): Record<string, unknown> {
  const { from: _from, id: _id, timestamp: _timestamp, type: _type, ...content } = message;
  return { ...content, text: customerMessage.text, sentAt: new Date(customerMessage.sentAt).toISOString() };
}

/** The window only moves forward: messages may arrive out of order. */
export async function renewWindow(
  dataSource: DataSource,
  conversationId: string,
  customerMessage: CustomerMessage,
  profileName: string | undefined,
): Promise<void> {
  await dataSource.query(
    `UPDATE conversations
        SET "lastCustomerMessageAt" = GREATEST("lastCustomerMessageAt", $2::timestamptz),
            "lastMessage" = CASE WHEN "lastCustomerMessageAt" IS NULL OR "lastCustomerMessageAt" <= $2::timestamptz
                                 THEN $3 ELSE "lastMessage" END,
            "customerName" = COALESCE("customerName", $4),
            "updatedAt" = now()
      WHERE id = $1`,
    [conversationId, new Date(customerMessage.sentAt), describeForList(customerMessage), profileName ?? null],
  );
}

export function describeForList(message: CustomerMessage): string {
  return message.text ? message.text.slice(0, 500) : `[${message.type}]`;
}

/** A flow-less open conversation (status `handoff`) so agents see the customer; null on a race. */
export async function openHandoffConversation(
  dataSource: DataSource,
  account: ReceivingAccount,
  customerPhone: string,
  customerMessage: CustomerMessage,
  profileName: string | undefined,
): Promise<string | null> {
  const rows: { id: string }[] = await dataSource.query(
    `INSERT INTO conversations
       ("userId", "whatsappAccountId", "customerPhone", "customerName", status, "triggerSource",
        "lastMessage", "lastCustomerMessageAt")
     VALUES ($1, $2, $3, $4, 'handoff', 'inbound', $5, $6)
     ON CONFLICT ("whatsappAccountId", "customerPhone") WHERE "endedAt" IS NULL DO NOTHING
     RETURNING id`,
    [
      account.userId,
      account.id,
      customerPhone,
      profileName ?? null,
      describeForList(customerMessage),
      new Date(customerMessage.sentAt),
    ],
  );
  return rows[0]?.id ?? null;
}
