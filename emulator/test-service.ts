import * as grpc from '@grpc/grpc-js';
import type { Engine } from './engine';
import { RpcError } from './errors';
import type { HandlerMap } from './grpc-wiring';
import { durationMs, fromTimestamp, toTimestamp } from './proto-time';

function sleepUntil(engine: Engine, at: number): Promise<object> {
  return new Promise((resolve) => engine.clock.scheduleAt(at, () => resolve({})));
}

/** temporal.api.testservice.v1.TestService: the time-skipping controls used by TestWorkflowEnvironment. */
export function testServiceHandlers(engine: Engine): HandlerMap {
  return {
    LockTimeSkipping: () => {
      engine.clock.lock();
      return {};
    },
    UnlockTimeSkipping: () => {
      if (!engine.clock.unlock())
        throw new RpcError(grpc.status.FAILED_PRECONDITION, 'time skipping is not locked');
      return {};
    },
    UnlockTimeSkippingWithSleep: async (req) => {
      if (!engine.clock.unlock())
        throw new RpcError(grpc.status.FAILED_PRECONDITION, 'time skipping is not locked');
      try {
        return await sleepUntil(engine, engine.now() + durationMs(req.duration));
      } finally {
        engine.clock.lock();
      }
    },
    Sleep: (req) => sleepUntil(engine, engine.now() + durationMs(req.duration)),
    SleepUntil: (req) => sleepUntil(engine, fromTimestamp(req.timestamp)),
    GetCurrentTime: () => ({ time: toTimestamp(engine.now()) }),
  };
}
