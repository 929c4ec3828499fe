import { compileFlow, type CompiledFlow } from '../../workflows/engine';

/** The flow row fields a compile reads: a (flow id, version) pair always holds the same graph. */
export interface FlowVersion {
  id: string;
  version: number;
  drawflowData: unknown;
}

/** How many flow versions the API process keeps compiled (a few hundred KB for typical flows). */
export const COMPILED_FLOW_CACHE_LIMIT = 500;

/**
 * Compiled flows by (flow id, version), least recently used dropped past `limit`. Saving a new graph
 * bumps the flow's version, so an entry never goes stale; a busy trigger route validates each
 * version once instead of once per lead.
 */
export class CompiledFlowCache {
  private readonly entries = new Map<string, CompiledFlow>();

  constructor(
    private readonly limit = COMPILED_FLOW_CACHE_LIMIT,
    private readonly compile: (drawflowData: unknown) => CompiledFlow = compileFlow,
  ) {}

  /** The compiled form of this flow version, compiled now when it is not cached. */
  get(flow: FlowVersion): CompiledFlow {
    const key = `${flow.id}:${flow.version}`;
    const cached = this.entries.get(key);
    if (cached) {
      // Re-inserted so the Map's order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const compiled = this.compile(flow.drawflowData);
    this.entries.set(key, compiled);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
    return compiled;
  }

  /** How many versions are cached. */
  get size(): number {
    return this.entries.size;
  }
}
