import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { Connection } from '@temporalio/client';
import { startEmulator } from '../../emulator';

describe('emulator: RPCs it does not implement (emulator only)', () => {
  it('answers UNIMPLEMENTED and logs the RPC name on stderr', async () => {
    const emulator = await startEmulator({});
    const connection = await Connection.connect({ address: emulator.address });
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
      await assert.rejects(connection.workflowService.listSchedules({ namespace: 'default' }), (err) => {
        assert.equal((err as { code?: number }).code, status.UNIMPLEMENTED);
        return true;
      });
      assert.ok(
        logged.some((line) => line.includes('UNIMPLEMENTED RPC called: WorkflowService/ListSchedules')),
        `stderr: ${logged.join('')}`,
      );
    } finally {
      process.stderr.write = write;
      await connection.close();
      await emulator.stop();
    }
  });
});
