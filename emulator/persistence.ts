import fs from 'node:fs';
import path from 'node:path';
import { resumeActivity } from './activities';
import { armTimer } from './commands';
import type { Engine } from './engine';
import { armRunTimeout } from './run-lifecycle';
import { isOpen, type RunState } from './run-state';
import { resumeWorkflowTask } from './workflow-tasks';

interface Snapshot {
  version: 1;
  clockOffset: number;
  runs: RunState[];
  current: [string, string][];
  searchAttributeTypes: [string, string][];
  namespaces: string[];
}

/** Delay between a change and the snapshot that records it; coalesces bursts of changes. */
const SAVE_DELAY_MS = 20;

function replacer(_key: string, value: unknown): unknown {
  if (
    value &&
    typeof value === 'object' &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  ) {
    return { $b: Buffer.from((value as { data: number[] }).data).toString('base64') };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && typeof (value as { $b?: unknown }).$b === 'string') {
    return Buffer.from((value as { $b: string }).$b, 'base64');
  }
  return value;
}

/**
 * Whole-state snapshots written atomically (temp file + rename) shortly after each change.
 * Correct over clever: the state is small in development and tests.
 */
export class SnapshotStore {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly engine: Engine,
  ) {}

  /** Loads a previous snapshot into the engine and resumes its open runs. */
  restore(): void {
    if (!fs.existsSync(this.file)) return;
    const text = fs.readFileSync(this.file, 'utf8');
    if (text.trim() === '') return;
    const snap = JSON.parse(text, reviver) as Snapshot;
    const engine = this.engine;
    engine.clock.restoreOffset(snap.clockOffset);
    for (const name of snap.namespaces) engine.namespaces.add(name);
    for (const [name, type] of snap.searchAttributeTypes) engine.searchAttributeTypes.set(name, type);
    for (const run of snap.runs) engine.runs.set(run.runId, run);
    for (const [key, runId] of snap.current) engine.current.set(key, runId);
    for (const run of snap.runs) if (isOpen(run)) resumeRun(engine, run);
  }

  /** Schedules a snapshot soon. */
  markDirty(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save();
    }, SAVE_DELAY_MS);
  }

  /** Writes a snapshot now (also on shutdown). */
  save(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const engine = this.engine;
    const snap: Snapshot = {
      version: 1,
      clockOffset: engine.clock.offset,
      runs: [...engine.runs.values()],
      current: [...engine.current.entries()],
      searchAttributeTypes: [...engine.searchAttributeTypes.entries()],
      namespaces: [...engine.namespaces],
    };
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(snap, replacer));
    fs.renameSync(tmp, this.file);
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
