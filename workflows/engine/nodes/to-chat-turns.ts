import type { ChatTurn } from '../engine-action';
import type { TranscriptEntry } from '../flow-state';

/** The run's transcript as LLM chat turns: the customer is `user`, the bot `assistant`. */
export function toChatTurns(transcript: readonly TranscriptEntry[]): ChatTurn[] {
  return transcript.map((entry) => ({
    role: entry.role === 'customer' ? 'user' : 'assistant',
    content: entry.text,
  }));
}
