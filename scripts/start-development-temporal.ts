import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../platform/logger';

/** A Temporal frontend this process started for development. */
export interface DevelopmentTemporal {
  address: string;
  stop(): Promise<void>;
}

/**
 * What `npm start` expects from `emulator/index.ts` (built separately): `startEmulator(options)`
 * resolving to something with the frontend `address` (host:port) and a `stop`, `shutdown` or
 * `close` method. Checked at run time because the module may not exist yet.
 */
interface EmulatorModule {
  startEmulator(options: { dbFilename: string; namespace?: string }): Promise<unknown>;
}

/** Thrown when no TEMPORAL_ADDRESS is set and no emulator is available to stand in. */
export class TemporalUnavailableError extends Error {
  override readonly name = 'TemporalUnavailableError';
}

/**
 * Starts the development Temporal emulator with its state in `DATA_DIR/temporal.json`, for
 * `npm start` without TEMPORAL_ADDRESS.
 */
export async function startDevelopmentTemporal(
  dataDir: string,
  namespace: string,
  logger: Logger,
): Promise<DevelopmentTemporal> {
  const emulatorDir = path.resolve(__dirname, '..', 'emulator');
  if (!['index.ts', 'index.js'].some((file) => fs.existsSync(path.join(emulatorDir, file)))) {
    throw new TemporalUnavailableError(
      'TEMPORAL_ADDRESS is required: the development Temporal emulator (emulator/index.ts) is not available yet',
    );
  }
  // Loaded by path at run time: the emulator is optional for this script and may land later.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional module, resolved at run time
  const loaded = require(emulatorDir) as Partial<EmulatorModule>;
  if (typeof loaded.startEmulator !== 'function') {
    throw new TemporalUnavailableError(
      'TEMPORAL_ADDRESS is required: emulator/index.ts exports no startEmulator',
    );
  }
  logger.info(
    'running the development Temporal emulator (set TEMPORAL_ADDRESS to use a real Temporal server)',
  );
  const handle = (await loaded.startEmulator({
    dbFilename: path.join(dataDir, 'temporal.json'),
    namespace,
  })) as Record<string, unknown>;
  const address = handle.address;
  const stopMethod = ['stop', 'shutdown', 'close'].find((name) => typeof handle[name] === 'function');
  if (typeof address !== 'string' || !stopMethod) {
    throw new Error('startEmulator() must resolve to { address: string, stop(): Promise<void> }');
  }
  return { address, stop: async () => (handle[stopMethod] as () => Promise<void>).call(handle) };
}
