import path from 'node:path';
import type { AppConfig } from '../platform/config';
import type { Logger } from '../platform/logger';
import { startTemporalDevServer, type TemporalDevServer } from '../platform/temporal-dev-server';

/**
 * Starts the official Temporal dev server for `npm start` without TEMPORAL_ADDRESS: the real server
 * with its Web UI, runs kept in `DATA_DIR/temporal.db` across restarts, its own log in
 * `DATA_DIR/temporal.log`, on TEMPORAL_DEV_SERVER_PORT and TEMPORAL_DEV_SERVER_UI_PORT (7233 and 8233).
 */
export async function startDevelopmentTemporal(
  config: AppConfig,
  logger: Logger,
): Promise<TemporalDevServer> {
  const { dataDir } = config;
  const { namespace, devServerPort, devServerUiPort } = config.temporal;
  const startedAt = Date.now();
  const server = await startTemporalDevServer({
    dbFilename: path.join(dataDir, 'temporal.db'),
    port: devServerPort,
    uiPort: devServerUiPort,
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
