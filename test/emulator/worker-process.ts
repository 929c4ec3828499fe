import { NativeConnection, Worker } from '@temporalio/worker';

/** A worker in its own process, so a test can SIGKILL it: `worker-process.ts <address> <taskQueue>`. */
async function main(): Promise<void> {
  const [address, taskQueue] = process.argv.slice(2);
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: { echo: async (v: string) => v },
  });
  await worker.run();
}

void main();
