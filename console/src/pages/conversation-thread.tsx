import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import type { ConversationDetail, ConversationMessage, RunHistory, TemplateGroup } from '../types';

/** What a message says, as text (customer text is only ever rendered as text). */
function messageText(message: ConversationMessage): string {
  const content = message.content;
  if (message.type === 'template' && typeof content.name === 'string') {
    // Stored as the engine's outgoing template: name, language and the filled parameters.
    const params = [content.headerParams, content.bodyParams].flatMap((list) =>
      Array.isArray(list) ? list.map(String) : [],
    );
    const language = typeof content.language === 'string' ? ` (${content.language})` : '';
    return `Template ${content.name}${language}${params.length ? `: ${params.join(' · ')}` : ''}`;
  }
  for (const key of ['text', 'body', 'caption', 'templateName', 'title']) {
    if (typeof content[key] === 'string') return content[key] as string;
  }
  return `[${message.type}]`;
}

/**
 * One conversation: the thread with each message's delivery status, take over / release (the agent
 * pauses the flow and hands it back), a reply box that follows the 24-hour window (closed: the
 * approved templates of the user's template groups instead of free text), and the run's timeline
 * from the run-history API with a link to the run in the Temporal Web UI (the API's `webUiUrl`; when
 * the server has none configured, the workflow and run ids are shown to copy instead).
 */
export function ConversationThread(props: { conversationId: string }) {
  const [conversation, setConversation] = useState<ConversationDetail | null>(null);
  const [messages, setMessages] = useState<ConversationMessage[]>([]);
  const [groups, setGroups] = useState<TemplateGroup[]>([]);
  const [history, setHistory] = useState<RunHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/api/conversations/${encodeURIComponent(props.conversationId)}`;

  const load = async () => {
    try {
      const [detail, thread] = await Promise.all([
        api<ConversationDetail>(base),
        api<ConversationMessage[]>(`${base}/messages?limit=200`),
      ]);
      setConversation(detail);
      setMessages(thread);
      if (!detail.windowOpen) setGroups(await api<TemplateGroup[]>('/api/template-groups'));
      if (detail.flowId && detail.workflowId && detail.runId) {
        setHistory(
          await api<RunHistory>(
            `/api/flows/${detail.flowId}/runs/${encodeURIComponent(detail.workflowId)}/${encodeURIComponent(detail.runId)}/history`,
          ).catch(() => null),
        );
      }
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  useEffect(() => {
    void load();
  }, [props.conversationId]);

  const reply = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const template = String(form.get('template') ?? '');
    const body = conversation?.windowOpen
      ? { messageType: 'text', text: form.get('text') }
      : {
          messageType: 'template',
          templateName: template.split('|')[0],
          templateLanguage: template.split('|')[1],
          templateParams: String(form.get('params') ?? '')
            .split('\n')
            .filter((line) => line !== ''),
        };
    setError(null);
    try {
      await api(`${base}/reply`, { json: body });
      (event.currentTarget as HTMLFormElement | null)?.reset();
      setNotice('Sent.');
      await load();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  /** Tells the run, then reloads once the run has recorded the new status (it does so a moment later). */
  const handOver = async (action: 'takeover' | 'release') => {
    const expected = action === 'takeover' ? 'handoff' : 'active';
    setError(null);
    setNotice(null);
    try {
      await api(`${base}/${action}`, { method: 'POST' });
      for (let attempt = 0; attempt < 40; attempt++) {
        const detail = await api<ConversationDetail>(base);
        if (detail.status === expected || detail.endedAt) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await load();
      setNotice(
        action === 'takeover' ? 'You have the conversation; the flow is paused.' : 'Handed back to the flow.',
      );
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  if (!conversation) return <section aria-busy="true">{error}</section>;
  const templates = groups.flatMap((group) => group.templates.map((t) => ({ ...t, group: group.name })));
  return (
    <section class="thread" aria-label="Conversation">
      <h2>
        {conversation.customerName ?? conversation.waPhoneNumber}{' '}
        <span class={`status status-${conversation.status}`}>{conversation.status}</span>
      </h2>
      <p>
        <small>
          {conversation.waPhoneNumber} · window {conversation.windowOpen ? 'open' : 'closed'}
          {conversation.windowClosesAt && ` until ${new Date(conversation.windowClosesAt).toLocaleString()}`}
        </small>
      </p>
      {conversation.workflowId && !conversation.endedAt && (
        <div class="handover">
          {conversation.status === 'handoff' ? (
            <button type="button" class="secondary" onClick={() => void handOver('release')}>
              Release to the flow
            </button>
          ) : (
            <button type="button" class="secondary" onClick={() => void handOver('takeover')}>
              Take over
            </button>
          )}
        </div>
      )}
      <ol class="messages">
        {messages.map((message) => (
          <li key={message.id} class={`message ${message.direction}`}>
            <span class="message-text">{messageText(message)}</span>
            <small class="message-status">
              {message.direction === 'outbound' ? message.status : 'received'} ·{' '}
              {new Date(message.createdAt).toLocaleTimeString()}
              {message.errorTitle && ` · ${message.errorTitle}`}
            </small>
          </li>
        ))}
      </ol>
      <form class="reply" onSubmit={reply} aria-label="Reply">
        {conversation.windowOpen ? (
          <>
            <label for="reply-text">Reply</label>
            <textarea id="reply-text" name="text" rows={2} required maxLength={4096} />
          </>
        ) : (
          <>
            <p>The 24-hour window is closed: only an approved template can be sent.</p>
            <label for="reply-template">Template</label>
            <select id="reply-template" name="template" required>
              {templates.map((t) => (
                <option key={`${t.name}|${t.language}`} value={`${t.name}|${t.language}`}>
                  {t.name} ({t.language}, {t.group})
                </option>
              ))}
            </select>
            <label for="reply-params">Parameters, one per line</label>
            <textarea id="reply-params" name="params" rows={2} />
          </>
        )}
        <button type="submit">Send</button>
        <p aria-live="polite">{notice}</p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
      {conversation.workflowId && conversation.runId && (
        <section aria-label="Run timeline">
          <h3>Run timeline</h3>
          {history?.webUiUrl ? (
            <p>
              <a href={history.webUiUrl} target="_blank" rel="noopener noreferrer">
                Open this run in the Temporal Web UI
              </a>
            </p>
          ) : (
            <dl class="run-ids">
              <dt>Workflow id</dt>
              <dd>
                <code>{conversation.workflowId}</code>
              </dd>
              <dt>Run id</dt>
              <dd>
                <code>{conversation.runId}</code>
              </dd>
            </dl>
          )}
          <ol class="timeline">
            {(history?.events ?? [])
              .filter((event) => event.summary)
              .map((event) => (
                <li key={event.eventId}>
                  <small>{event.eventTime ? new Date(event.eventTime).toLocaleTimeString() : ''}</small>{' '}
                  {event.summary}
                </li>
              ))}
          </ol>
        </section>
      )}
    </section>
  );
}
