import path from 'node:path';
import type { Logger } from '../platform/logger';
import { startTemporalDevServer, type TemporalDevServer } from '../platform/temporal-dev-server';

/** Ports of the development Temporal server: Temporal's usual defaults, so its docs and CLI work as written. */
export const DEVELOPMENT_TEMPORAL_PORT = 7233;
export const DEVELOPMENT_TEMPORAL_UI_PORT = 8233;

/**
 * Starts the official Temporal dev server for `npm start` without TEMPORAL_ADDRESS: the real server
 * with its Web UI, runs kept in `DATA_DIR/temporal.db` across restarts, its own log in
 * `DATA_DIR/temporal.log`.
 */
export async function startDevelopmentTemporal(
  dataDir: string,
  namespace: string,
  logger: Logger,
): Promise<TemporalDevServer> {
  const startedAt = Date.now();
  const server = await startTemporalDevServer({
    dbFilename: path.join(dataDir, 'temporal.db'),
    port: DEVELOPMENT_TEMPORAL_PORT,
    uiPort: DEVELOPMENT_TEMPORAL_UI_PORT,
    namespaces: namespace === 'default' ? [] : [namespace],
    logFile: path.join(dataDir, 'temporal.log'),
  });
  logger.info(
    {
      address: server.address,
      webUi: server.uiUrl,
      serverVersion: server.serverVersion,
      startMs: Date.now() - startedAt,
    },
    `Temporal dev server running; Temporal Web UI at ${server.uiUrl}/namespaces/${namespace}/workflows`,
  );
  return server;
}
