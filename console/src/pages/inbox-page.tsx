import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import { ConversationThread } from './conversation-thread';
import type { ConversationItem } from '../types';

const STATUSES = ['', 'active', 'handoff', 'completed', 'stopped', 'failed'];

/** How long typing pauses before the search asks the API again. */
const SEARCH_DELAY_MS = 250;

/**
 * The inbox: the user's conversations with a status filter and a search by phone or name (the list
 * API's `search`, over every conversation, not only the loaded page), and the selected conversation's
 * thread.
 */
export function InboxPage(props: { conversationId?: string }) {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [conversations, setConversations] = useState<ConversationItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const needle = search.trim();
    const query = new URLSearchParams({
      limit: '200',
      ...(status ? { status } : {}),
      ...(needle ? { search: needle } : {}),
    });
    let current = true;
    const timer = setTimeout(
      () => {
        api<ConversationItem[]>(`/api/conversations?${query}`)
          .then((found) => current && setConversations(found))
          .catch((failure) => current && setError(describeError(failure)));
      },
      needle ? SEARCH_DELAY_MS : 0,
    );
    // A later keystroke's answer must not be overwritten by an earlier, slower one.
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [status, search]);
  const shown = conversations ?? [];
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
