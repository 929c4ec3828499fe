import { parseCliArgs } from './cli-args';
import { startEmulator } from './index';

/** Entry point of `emulator/bin/temporal-emulator` and `npm run emulator`. */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  const emulator = await startEmulator({
    ...args,
    port: args.port ?? Number(process.env.TEMPORAL_EMULATOR_PORT ?? 7233),
    host: args.host ?? '127.0.0.1',
  });
  process.stderr.write(
    `[temporal-emulator] FlowBot development Temporal emulator (not a real Temporal server) listening on ${emulator.address}` +
      ` (time skipping: ${args.timeSkipping ? 'on' : 'off'}, persistence: ${args.dbFilename ?? 'none'})\n`,
  );
  const stop = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`[temporal-emulator] failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
