import * as grpc from '@grpc/grpc-js';
import { Engine } from './engine';
import { implementService } from './grpc-wiring';
import { withCachedHistories } from './history-encoding';
import { SnapshotStore } from './persistence';
import { indexedTypeFromName } from './search-attributes';
import { loadServices } from './protos';
import { installSyncDecompression } from './sync-decompression';
import { systemHandlers } from './system-service';
import { testServiceHandlers } from './test-service';
import { workflowServiceHandlers } from './workflow-service';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Namespace registered up front (any namespace a client uses is accepted). Default `default`. */
  namespace?: string;
  /** When set, state is snapshotted to this file and restored from it on start. */
  dbFilename?: string;
  /** Serve the TestService with a virtual clock that skips ahead when idle. Default false. */
  timeSkipping?: boolean;
  /** Custom search attributes to register up front, `[name, type]` (`Keyword`, `KeywordList`, `Int`, ...). */
  searchAttributes?: [string, string][];
}

/** A running emulator. */
export interface RunningEmulator {
  /** `host:port`, ready for `Connection.connect({ address })` / `NativeConnection.connect`. */
  address: string;
  port: number;
  /** Stops serving, writes a final snapshot (with persistence) and releases every timer. */
  stop(): Promise<void>;
}

/**
 * Starts the Temporal frontend emulator in this process: WorkflowService, OperatorService (search
 * attributes), TestService and grpc.health, served by grpc-js on `host:port`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const services = loadServices();
  installSyncDecompression();
  const engine = new Engine({ timeSkipping: options.timeSkipping ?? false, namespace });
  for (const [name, type] of options.searchAttributes ?? []) {
    engine.searchAttributeTypes.set(name, indexedTypeFromName(type));
  }
  let store: SnapshotStore | undefined;
  if (options.dbFilename) {
    store = new SnapshotStore(options.dbFilename, engine);
    store.restore();
    const s = store;
    engine.onChange = () => s.markDirty();
  }
  const system = systemHandlers(engine);
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 128 * 1024 * 1024 });
  const workflowService = withCachedHistories(services.workflowService);
  server.addService(
    workflowService,
    implementService('WorkflowService', workflowService, {
      ...system.workflow,
      ...workflowServiceHandlers(engine),
    }),
  );
  server.addService(
    services.operatorService,
    implementService('OperatorService', services.operatorService, system.operator),
  );
  server.addService(
    services.testService,
    implementService('TestService', services.testService, testServiceHandlers(engine)),
  );
  server.addService(
    services.healthService,
    implementService('Health', services.healthService, { Check: () => ({ status: 'SERVING' }) }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
  let stopped = false;
  return {
    address: `${host}:${port}`,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      engine.shutdown();
      store?.close();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 1_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}
