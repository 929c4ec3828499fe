/**
 * A FlowBot worker in its own process, so a test can SIGKILL it (Runtime.install traps SIGTERM, and a
 * kill must not let it finish anything). Configured by the FLOWBOT_TEST_WORKER environment variable
 * (JSON of {@link WorkerProcessConfig}); prints `ready` on stdout once polling.
 */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createDataSource } from '../../entities/data-source';
import { createFlowWorker } from '../../worker/create-worker';

/** What the parent passes. */
export interface WorkerProcessConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
  dataEncryptionKeyHex: string;
  graphBaseUrl: string;
  openaiBaseUrl: string;
  /** A prebuilt workflow bundle (bundling again in every child would take seconds). */
  workflowBundlePath: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.FLOWBOT_TEST_WORKER ?? '') as WorkerProcessConfig;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dataSource = createDataSource(config.databaseUrl, { poolSize: 5 });
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.address });
  const worker = await createFlowWorker({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    activitiesDeps: {
      dataSource,
      config: {
        dataEncryptionKey: Buffer.from(config.dataEncryptionKeyHex, 'hex'),
        whatsapp: {
          graphBaseUrl: config.graphBaseUrl,
          graphVersion: 'v23.0',
          appSecret: 'test-app-secret',
          verifyToken: 'test-verify-token',
          messagesPerSecond: 1000,
        },
        openai: { apiKey: 'sk-test', baseUrl: config.openaiBaseUrl, model: 'gpt-4o-mini', timeoutMs: 5_000 },
        httpNode: { allowPrivate: true },
      },
    },
    options: { workflowBundle: { codePath: config.workflowBundlePath } },
  });
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
  await connection.close();
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
