import fs from 'node:fs';
import path from 'node:path';
import type { ClientOp } from './client-ops';
import { bufferReplacer, bufferReviver } from './json-codec';

/** A journal line: a client operation and its sequence number. */
export type JournalEntry = ClientOp & { seq: number };

/**
 * Append-only journal of accepted client requests (start, signal, cancel, terminate), one JSON line
 * each, written and fdatasync'd before the request is acknowledged. Snapshots record the last
 * sequence number they include; the journal is emptied after each snapshot (compaction), and on
 * restore only entries newer than the snapshot are replayed.
 */
export class Journal {
  private fd: number | undefined;
  /** Sequence number of the last entry written (or restored). */
  lastSeq = 0;

  constructor(readonly file: string) {}

  /** Entries on disk, in order. A torn last line (the process died mid-write) is ignored. */
  read(): JournalEntry[] {
    if (!fs.existsSync(this.file)) return [];
    const entries: JournalEntry[] = [];
    for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line, bufferReviver) as JournalEntry);
      } catch {
        break;
      }
    }
    return entries;
  }

  /** Writes one entry durably: returns only after the bytes reached the disk. */
  append(op: ClientOp): void {
    const fd = this.open();
    const entry: JournalEntry = { ...op, seq: ++this.lastSeq };
    fs.writeSync(fd, JSON.stringify(entry, bufferReplacer) + '\n');
    fs.fdatasyncSync(fd);
  }

  /** Empties the journal once a snapshot holds everything in it. */
  truncate(): void {
    fs.ftruncateSync(this.open(), 0);
  }

  /** Closes the file (on stop). */
  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
      this.fd = fs.openSync(this.file, 'a');
    }
    return this.fd;
  }
}
