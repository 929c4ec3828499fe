import type { Logger } from './logger';

/**
 * The parts of a process in the order they started, stopped in reverse: the API stops accepting
 * before the worker drains, the worker before Temporal, Temporal before PostgreSQL. Each part is
 * logged as `<name> stopped`; a part that fails to stop is logged and the rest are still stopped.
 */
export class StopSequence {
  private readonly parts: { name: string; stop: () => Promise<void> }[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  /** Adds a part that has just started; `name` is what the log calls it ("API", "PostgreSQL"). */
  add(name: string, stop: () => Promise<void>): void {
    this.parts.push({ name, stop });
  }

  /** Names of the parts not stopped yet, in the order they will stop. */
  remaining(): string[] {
    return this.parts.map((part) => part.name).reverse();
  }

  /** Stops every part, last started first. Rejects after the last one if any failed. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    const failures: unknown[] = [];
    for (let part = this.parts.at(-1); part; part = this.parts.at(-1)) {
      try {
        await part.stop();
        this.logger.info({ part: part.name }, `${part.name} stopped`);
      } catch (error) {
        this.logger.error({ err: error, part: part.name }, `${part.name} failed to stop`);
        failures.push(error);
      }
      this.parts.pop();
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} part(s) failed to stop`);
  }
}
