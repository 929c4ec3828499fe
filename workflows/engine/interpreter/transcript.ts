import { TRANSCRIPT_LIMIT, type TranscriptEntry } from '../flow-state';
import type { OutgoingMessage } from '../outgoing-message';

/** Appends to the transcript, dropping the oldest entries past TRANSCRIPT_LIMIT. */
export function appendTranscript(
  transcript: readonly TranscriptEntry[],
  entry: TranscriptEntry,
): TranscriptEntry[] {
  const appended = [...transcript, entry];
  return appended.length > TRANSCRIPT_LIMIT ? appended.slice(appended.length - TRANSCRIPT_LIMIT) : appended;
}

/** What the LLM should read for a message we sent. */
export function transcriptText(message: OutgoingMessage): string {
  switch (message.kind) {
    case 'text':
      return message.body;
    case 'media':
      return message.caption ? `[${message.mediaType}] ${message.caption}` : `[${message.mediaType}]`;
    case 'buttons':
      return `${message.body}\n${message.buttons.map((button) => `[${button.title}]`).join(' ')}`;
    case 'list':
      return `${message.body}\n${message.sections.flatMap((section) => section.rows.map((row) => `- ${row.title}`)).join('\n')}`;
    case 'template':
      return `[template ${message.name}] ${message.bodyParams.join(' | ')}`.trim();
  }
}
