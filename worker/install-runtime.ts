import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../platform/logger';

const pinoLevels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Installs Temporal's process-wide Runtime once, routing the SDK's, workflows' and activities' log
 * lines to our pino logger. `shutdownSignals`: the signals on which the Runtime shuts every worker
 * down gracefully (empty when the process handles signals itself, as `npm start` does).
 * Returns false when a Runtime was already installed (e.g. by a test), which is kept.
 */
export function installRuntime(logger: Logger, shutdownSignals: NodeJS.Signals[]): boolean {
  const temporalLogger = logger.child({ component: 'temporal' });
  try {
    Runtime.install({
      logger: new DefaultLogger('INFO', ({ level, message, meta }) =>
        temporalLogger[pinoLevels[level]](meta ?? {}, message),
      ),
      shutdownSignals,
    });
    return true;
  } catch {
    return false;
  }
}
