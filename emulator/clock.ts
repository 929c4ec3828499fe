/** Handle for a scheduled callback. */
export interface ScheduledTimer {
  cancel(): void;
}

interface Entry {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** Longest delay Node's setTimeout accepts; later timers are re-armed when this one fires. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * The emulator's notion of time. In real-time mode it is `Date.now()`. In time-skipping mode it is
 * `Date.now()` plus an offset that grows whenever nothing is runnable and time skipping is unlocked:
 * the clock then jumps straight to the next due timer, as Temporal's test server does.
 */
export class VirtualClock {
  private offsetMs = 0;
  private lockCount: number;
  private readonly entries: Entry[] = [];
  private seq = 0;
  private realTimer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private pokeQueued = false;
  private stopped = false;

  /**
   * @param timeSkipping whether the clock may jump ahead at all
   * @param isIdle tells whether any workflow/activity/query work is outstanding
   */
  constructor(
    readonly timeSkipping: boolean,
    private readonly isIdle: () => boolean,
  ) {
    // The test server starts locked; the SDK unlocks around result() and env.sleep().
    this.lockCount = timeSkipping ? 1 : 0;
  }

  /** Current emulator time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Restores a skipped-ahead offset after a restart so persisted deadlines keep their meaning. */
  restoreOffset(offsetMs: number): void {
    this.offsetMs = Math.max(0, offsetMs);
  }

  /** The current skip offset, persisted with the state. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Runs `fn` when emulator time reaches `at` (epoch ms). */
  scheduleAt(at: number, fn: () => void): ScheduledTimer {
    const entry: Entry = { at, seq: this.seq++, fn, cancelled: false };
    insertSorted(this.entries, entry);
    this.arm();
    this.poke();
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Runs `fn` after `ms` of emulator time. */
  scheduleIn(ms: number, fn: () => void): ScheduledTimer {
    return this.scheduleAt(this.now() + Math.max(0, ms), fn);
  }

  /** LockTimeSkipping: while the counter is positive time runs at real pace. */
  lock(): void {
    this.lockCount++;
  }

  /**
   * UnlockTimeSkipping. Unlike the Java test server this never fails on an unbalanced call: concurrent
   * `result()` calls each unlock then lock, and the counter may dip below zero in between.
   */
  unlock(): boolean {
    this.lockCount--;
    this.poke();
    return true;
  }

  /** Asks the clock to re-check whether it may skip ahead; cheap, coalesced to one check per tick. */
  poke(): void {
    if (!this.timeSkipping || this.pokeQueued || this.stopped) return;
    this.pokeQueued = true;
    setImmediate(() => {
      this.pokeQueued = false;
      this.maybeSkip();
    });
  }

  /** Cancels every pending real timer; the clock is unusable afterwards. */
  stop(): void {
    this.stopped = true;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.entries.length = 0;
  }

  private maybeSkip(): void {
    if (this.stopped || this.lockCount > 0 || !this.isIdle()) return;
    this.dropCancelledHead();
    const next = this.entries[0];
    if (!next) return;
    const now = this.now();
    if (next.at > now) this.offsetMs += next.at - now;
    this.fireDue();
  }

  private dropCancelledHead(): void {
    while (this.entries.length > 0 && this.entries[0].cancelled) this.entries.shift();
  }

  private fireDue(): void {
    // The armed real timer may have been computed before a skip; always re-arm from scratch.
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    this.dropCancelledHead();
    while (this.entries.length > 0 && this.entries[0].at <= now) {
      const entry = this.entries.shift() as Entry;
      if (!entry.cancelled) {
        try {
          entry.fn();
        } catch (err) {
          process.stderr.write(`[temporal-emulator] timer callback failed: ${(err as Error).stack}\n`);
        }
      }
      this.dropCancelledHead();
    }
    this.arm();
    this.poke();
  }

  private arm(): void {
    if (this.stopped) return;
    this.dropCancelledHead();
    const next = this.entries[0];
    if (!next) return;
    if (this.realTimer && this.armedFor <= next.at) return;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.armedFor = next.at;
    const delay = Math.min(MAX_TIMEOUT_MS, Math.max(0, next.at - this.now()));
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      this.armedFor = Infinity;
      this.fireDue();
    }, delay);
  }
}

function insertSorted(entries: Entry[], entry: Entry): void {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid];
    if (e.at < entry.at || (e.at === entry.at && e.seq < entry.seq)) lo = mid + 1;
    else hi = mid;
  }
  entries.splice(lo, 0, entry);
}
