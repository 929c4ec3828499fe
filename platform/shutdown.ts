import type { Logger } from './logger';

/**
 * Calls `stop` once on the first SIGINT or SIGTERM, then exits (0, or 1 when stopping failed).
 * A second signal while stopping exits at once with 130, for an impatient Ctrl-C. A repeat within
 * a second is the same keypress: Ctrl-C signals the whole process group, and the `tsx`/`npm`
 * wrappers forward it to us again.
 */
const SAME_KEYPRESS_MS = 1000;

export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < SAME_KEYPRESS_MS) return;
      logger.warn({ signal }, 'second signal while stopping: exiting now');
      process.exit(130);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'stopping');
    stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
