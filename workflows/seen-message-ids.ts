/**
 * The WhatsApp message ids a run has already handled, newest last, at most `limit` of them. Meta
 * redelivers a webhook for up to days, but a redelivery of a message older than the last few hundred
 * a conversation received is not a realistic case, so the memory stays small and is carried across
 * continue-as-new as a plain array.
 */
export class SeenMessageIds {
  private readonly ids: Set<string>;

  constructor(
    initial: readonly string[] = [],
    private readonly limit = DEFAULT_SEEN_MESSAGE_IDS,
  ) {
    this.ids = new Set(initial.slice(-limit));
  }

  /** Remembers `id`; false when it was already known (a duplicate). */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.limit) {
      // Sets iterate in insertion order: the first one is the oldest.
      const oldest = this.ids.values().next().value as string;
      this.ids.delete(oldest);
    }
    return true;
  }

  /** Oldest first, for `CarriedConversationState.seenMessageIds`. */
  toArray(): string[] {
    return [...this.ids];
  }
}

/** How many message ids a run remembers. */
export const DEFAULT_SEEN_MESSAGE_IDS = 500;
