/**
 * A broken engine invariant (a bug, never bad input): e.g. a session message produced while the
 * window is closed, or a node resumed that cannot wait. Expected node failures never throw; they
 * take the node's failure output instead.
 */
export class EngineInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineInvariantError';
  }
}
