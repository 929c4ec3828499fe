import { flushLogger, type Logger } from './logger';
import type { StopSequence } from './stop-sequence';
import { watchParent } from './watch-parent';

/** Options of {@link stopOnSignals}. */
export interface StopOnSignalsOptions {
  /** Overall bound of a graceful stop (STOP_TIMEOUT_MS); past it the process exits with 1. */
  timeoutMs: number;
}

/**
 * A second SIGINT this long after the first is a person pressing Ctrl-C again; sooner, it is the same
 * keypress reaching us twice (the terminal signals the whole process group, and wrappers relay it).
 */
const SAME_KEYPRESS_MS = 1000;

/**
 * Stops `parts` once, gracefully and in order, on the first SIGINT or SIGTERM, or — when run by npm
 * (`npm start`, `npm run api`) — when npm and its shell are killed and leave us orphaned. Then exits:
 * 0, or 1 when a part failed to stop.
 *
 * - Further SIGTERMs while stopping are logged and ignored: supervisors and wrappers relay the one
 *   stop request, and it must not turn into an abrupt exit. A second SIGINT (Ctrl-C again, a second
 *   or more later) exits at once with 130.
 * - After `timeoutMs` the process logs what had not stopped yet and exits with 1; the exit hooks of
 *   platform/embedded-postgres.ts and platform/temporal-dev-server.ts then stop the servers.
 */
export function stopOnSignals(logger: Logger, parts: StopSequence, options: StopOnSignalsOptions): void {
  let stoppingSince: number | undefined;
  let exiting = false;
  // Waits for the log to reach stdout first: the reason for an exit must not be lost.
  const exit = (code: number) => {
    exiting = true;
    void flushLogger(logger).then(() => process.exit(code));
  };
  const begin = (cause: Record<string, unknown>) => {
    stoppingSince = Date.now();
    logger.info({ ...cause, timeoutMs: options.timeoutMs }, 'stopping');
    setTimeout(() => {
      if (exiting) return;
      logger.error(
        { timeoutMs: options.timeoutMs, notStopped: parts.remaining() },
        'stop deadline passed: killing what is left',
      );
      exit(1);
    }, options.timeoutMs).unref();
    parts.stop().then(
      () => {
        logger.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (exiting) return;
    if (stoppingSince === undefined) return begin({ signal });
    if (signal === 'SIGINT' && Date.now() - stoppingSince >= SAME_KEYPRESS_MS) {
      logger.warn({ signal, notStopped: parts.remaining() }, 'second Ctrl-C while stopping: exiting now');
      return exit(130);
    }
    logger.info({ signal }, 'already stopping');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Only under npm: a parent that exits means npm or its shell was killed. Started directly (Docker,
  // systemd, nohup), the parent may rightly exit before us.
  if (process.env.npm_lifecycle_event !== undefined) {
    watchParent(() => {
      if (stoppingSince === undefined) begin({ reason: 'npm exited' });
    });
  }
}
