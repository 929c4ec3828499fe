import fs from 'node:fs';
import path from 'node:path';
import { resumeActivity } from './activities';
import { replayClientOp } from './client-ops';
import { armTimer } from './commands';
import type { Engine } from './engine';
import { bufferReplacer, bufferReviver } from './json-codec';
import { Journal } from './journal';
import { armRunTimeout } from './run-lifecycle';
import { isOpen, type RunState } from './run-state';
import { resumeWorkflowTask } from './workflow-tasks';

interface Snapshot {
  version: 1;
  clockOffset: number;
  /** Last journal entry whose effect this snapshot includes. */
  journalSeq?: number;
  runs: RunState[];
  current: [string, string][];
  searchAttributeTypes: [string, string][];
  namespaces: string[];
}

/** Delay between a change and the snapshot that records it; coalesces bursts of changes. */
const SAVE_DELAY_MS = 20;
/** Snapshots are spaced at least this many times their own duration, so large states cost ≤ ~20% CPU. */
const SAVE_SPACING_FACTOR = 4;
const MAX_SAVE_DELAY_MS = 1_000;

/**
 * Durable state: whole-state snapshots written atomically (temp file, fsync, rename) shortly after a
 * change, plus a journal of client requests fsync'd before each is acknowledged. A SIGKILL can lose
 * worker progress made since the last snapshot (it is redone), never an acknowledged client request.
 */
export class SnapshotStore {
  private timer: NodeJS.Timeout | undefined;
  private saveDelayMs = SAVE_DELAY_MS;
  private readonly journal: Journal;

  constructor(
    private readonly file: string,
    private readonly engine: Engine,
  ) {
    this.journal = new Journal(`${file}.journal`);
  }

  /**
   * Loads the snapshot, resumes its open runs, replays the journal entries it does not include, then
   * writes a fresh snapshot (which empties the journal). Afterwards client ops are journaled.
   */
  restore(): void {
    const snap = this.readSnapshot();
    const engine = this.engine;
    if (snap) {
      engine.clock.restoreOffset(snap.clockOffset);
      for (const name of snap.namespaces) engine.namespaces.add(name);
      for (const [name, type] of snap.searchAttributeTypes) engine.searchAttributeTypes.set(name, type);
      for (const run of snap.runs) engine.loadRun(run);
      for (const [key, runId] of snap.current) engine.current.set(key, runId);
      for (const run of snap.runs) if (isOpen(run)) resumeRun(engine, run);
    }
    const covered = snap?.journalSeq ?? 0;
    const entries = this.journal.read().filter((e) => e.seq > covered);
    for (const entry of entries) replayClientOp(engine, entry);
    this.journal.lastSeq = Math.max(covered, entries.at(-1)?.seq ?? 0);
    if (snap || entries.length > 0) this.save();
    engine.journalClientOp = (op) => this.journal.append(op);
  }

  /** Schedules a snapshot soon. */
  markDirty(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save();
    }, this.saveDelayMs);
  }

  /** Writes a snapshot now (also on shutdown), then empties the journal it now includes. */
  save(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const started = performance.now();
    const engine = this.engine;
    const snap: Snapshot = {
      version: 1,
      clockOffset: engine.clock.offset,
      journalSeq: this.journal.lastSeq,
      runs: [...engine.runs.values()],
      current: [...engine.current.entries()],
      searchAttributeTypes: [...engine.searchAttributeTypes.entries()],
      namespaces: [...engine.namespaces],
    };
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(snap, bufferReplacer));
      // Durable before the journal entries it replaces are dropped.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    this.journal.truncate();
    const tookMs = performance.now() - started;
    this.saveDelayMs = Math.min(MAX_SAVE_DELAY_MS, Math.max(SAVE_DELAY_MS, tookMs * SAVE_SPACING_FACTOR));
  }

  /** Final snapshot and journal close (on stop). */
  close(): void {
    this.save();
    this.journal.close();
  }

  private readSnapshot(): Snapshot | undefined {
    if (!fs.existsSync(this.file)) return undefined;
    const text = fs.readFileSync(this.file, 'utf8');
    if (text.trim() === '') return undefined;
    return JSON.parse(text, bufferReviver) as Snapshot;
  }
}

/** Re-arms what an open run was waiting for: its timers, activities, workflow task and run timeout. */
function resumeRun(engine: Engine, run: RunState): void {
  run.stickyQueue = undefined;
  for (const timerId of Object.keys(run.timers)) armTimer(engine, run, timerId);
  for (const act of Object.values(run.activities)) {
    // A running attempt died with the old process's connections; hand it out again.
    if (act.state === 'started') act.state = 'scheduled';
    resumeActivity(engine, run, act);
  }
  armRunTimeout(engine, run);
  resumeWorkflowTask(engine, run);
}
