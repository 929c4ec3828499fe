/**
 * Deleting a contact removes the customer from FlowBot's database: their open conversation is
 * stopped first (its run terminated, so nothing more is sent), then the contact row and every
 * conversation of that business number and phone — with their messages (ON DELETE CASCADE) — are
 * deleted in one transaction. Rows are deleted rather than blanked: a conversation without its
 * customer and texts would be an empty shell, and the phone is part of the open-conversation
 * index. What Temporal's history keeps, and for how long, is in docs/contacts.md.
 */
import type { Contact } from '../../entities/contact';
import { endConversation } from '../conversations/end-conversation';
import { findOpenConversation, type ConversationServiceDeps } from '../conversations/start-conversation';
import { ServiceUnavailableError } from '../errors';

/** What a deletion removed. */
export interface DeletedContact {
  conversationsDeleted: number;
}

/** Stops the contact's open conversation and deletes the contact with their conversations and messages. */
export async function deleteContact(
  deps: ConversationServiceDeps,
  contact: Pick<Contact, 'id' | 'whatsappAccountId' | 'phone'>,
): Promise<DeletedContact> {
  const open = await findOpenConversation(deps.dataSource, contact.whatsappAccountId, contact.phone);
  if (open) {
    if (open.workflowId && !deps.temporalClient) {
      throw new ServiceUnavailableError(
        'The open conversation cannot be stopped: Temporal is not configured',
      );
    }
    // A handoff conversation has no run: the client is only used when there is one.
    await endConversation(deps, deps.temporalClient as NonNullable<typeof deps.temporalClient>, open, {
      reason: 'contact_deleted',
      detail: 'Contact deleted',
    });
  }
  return await deps.dataSource.transaction(async (manager) => {
    const [, conversationsDeleted]: [unknown, number] = await manager.query(
      `DELETE FROM conversations WHERE "whatsappAccountId" = $1 AND "customerPhone" = $2`,
      [contact.whatsappAccountId, contact.phone],
    );
    await manager.query(`DELETE FROM contacts WHERE id = $1`, [contact.id]);
    return { conversationsDeleted };
  });
}
