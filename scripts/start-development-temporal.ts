import path from 'node:path';
import type { Logger } from '../platform/logger';

/** A Temporal frontend this process started for development. */
export interface DevelopmentTemporal {
  address: string;
  stop(): Promise<void>;
}

/**
 * Starts the development Temporal emulator with its state in `DATA_DIR/temporal.json`, for
 * `npm start` without TEMPORAL_ADDRESS. Imported on demand, so a process given TEMPORAL_ADDRESS
 * never loads the emulator.
 */
export async function startDevelopmentTemporal(
  dataDir: string,
  namespace: string,
  logger: Logger,
): Promise<DevelopmentTemporal> {
  logger.info(
    'running the development Temporal emulator (set TEMPORAL_ADDRESS to use a real Temporal server)',
  );
  const { startEmulator } = await import('../emulator');
  return startEmulator({ dbFilename: path.join(dataDir, 'temporal.json'), namespace });
}
