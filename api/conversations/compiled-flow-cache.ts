import { compileFlow, type CompiledFlow } from '../../workflows/engine';

/** A published revision of a flow: the pair always names the same graph (revisions are immutable). */
export interface FlowRevisionKey {
  flowId: string;
  revision: number;
}

/** How many flow revisions the API process keeps compiled (a few hundred KB for typical flows). */
export const COMPILED_FLOW_CACHE_LIMIT = 500;

/**
 * Compiled flows by (flow id, revision), least recently used dropped past `limit`. A revision
 * never changes, so an entry never goes stale; a busy trigger route loads and validates each
 * revision once instead of once per lead.
 */
export class CompiledFlowCache {
  private readonly entries = new Map<string, Promise<CompiledFlow>>();

  constructor(
    private readonly limit = COMPILED_FLOW_CACHE_LIMIT,
    private readonly compile: (drawflowData: unknown) => CompiledFlow = compileFlow,
  ) {}

  /**
   * The compiled form of this revision; on a miss its graph comes from `loadGraph`. Concurrent
   * misses share one load; a load that fails is not remembered.
   */
  async get(key: FlowRevisionKey, loadGraph: () => Promise<unknown>): Promise<CompiledFlow> {
    const id = `${key.flowId}:${key.revision}`;
    const cached = this.entries.get(id);
    if (cached) {
      // Re-inserted so the Map's order is least recently used first.
      this.entries.delete(id);
      this.entries.set(id, cached);
      return await cached;
    }
    const compiled = loadGraph().then((drawflowData) => this.compile(drawflowData));
    this.entries.set(id, compiled);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
    try {
      return await compiled;
    } catch (error) {
      if (this.entries.get(id) === compiled) this.entries.delete(id);
      throw error;
    }
  }

  /** How many revisions are cached. */
  get size(): number {
    return this.entries.size;
  }
}
