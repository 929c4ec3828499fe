import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import { ConversationThread } from './conversation-thread';
import type { ConversationItem } from '../types';

const STATUSES = ['', 'active', 'handoff', 'completed', 'stopped', 'failed'];

/**
 * The inbox: the user's conversations with a status filter and a search by phone or name (over the
 * loaded page: the list API filters by status and flow only), and the selected conversation's thread.
 */
export function InboxPage(props: { conversationId?: string }) {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [conversations, setConversations] = useState<ConversationItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const query = new URLSearchParams({ limit: '200', ...(status ? { status } : {}) });
    api<ConversationItem[]>(`/api/conversations?${query}`)
      .then(setConversations)
      .catch((failure) => setError(describeError(failure)));
  }, [status]);
  const needle = search.trim().toLowerCase();
  const shown = (conversations ?? []).filter(
    (c) =>
      !needle || c.waPhoneNumber.includes(needle) || (c.customerName ?? '').toLowerCase().includes(needle),
  );
  return (
    <div class="inbox">
      <section class="conversation-list" aria-label="Conversations">
        <h1>Inbox</h1>
        <label for="inbox-search">Search by phone or name</label>
        <input
          id="inbox-search"
          type="search"
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
        <label for="inbox-status">Status</label>
        <select id="inbox-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {value || 'all'}
            </option>
          ))}
        </select>
        {error && <p role="alert">{error}</p>}
        {conversations === null ? (
          <p aria-busy="true">Loading…</p>
        ) : (
          <ul class="conversations">
            {shown.map((c) => (
              <li key={c.id}>
                <a href={`#/inbox/${c.id}`} aria-current={c.id === props.conversationId ? 'true' : undefined}>
                  <strong>{c.customerName ?? c.waPhoneNumber}</strong> <small>{c.waPhoneNumber}</small>
                  <span class={`status status-${c.status}`}>{c.status}</span>
                  <small class="last-message">{c.lastMessage ?? ''}</small>
                </a>
              </li>
            ))}
            {shown.length === 0 && <li>No conversations.</li>}
          </ul>
        )}
      </section>
      {props.conversationId ? (
        <ConversationThread conversationId={props.conversationId} />
      ) : (
        <p class="hint">Select a conversation.</p>
      )}
    </div>
  );
}
