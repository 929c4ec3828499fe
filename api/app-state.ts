import type { Logger } from '../platform/logger';

/**
 * What every request carries in `ctx.state`. Authentication middleware (other routes) extends
 * this interface by declaration merging or by its own intersection type.
 */
export interface AppState {
  /** From X-Request-Id when acceptable, otherwise a new UUID; echoed on the response. */
  requestId: string;
  /** Request-scoped logger (adds `reqId`); use it instead of the process logger in routes. */
  logger: Logger;
}
