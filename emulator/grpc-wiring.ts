import * as grpc from '@grpc/grpc-js';
import { RpcError } from './errors';

/** Context handed to every handler: the raw call, so long polls can watch for cancellation and deadlines. */
export interface CallContext {
  call: grpc.ServerUnaryCall<unknown, unknown>;
  /** Resolves when the caller cancels or disconnects. */
  cancelled: Promise<void>;
  /** Milliseconds until the caller's deadline, or Infinity. */
  msUntilDeadline(): number;
}

/** A handler returns the response object (or a promise of it) or throws an RpcError. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (request: any, ctx: CallContext) => unknown;

/** Handlers keyed by RPC name, e.g. `StartWorkflowExecution`. */
export type HandlerMap = Record<string, Handler>;

/**
 * Builds a grpc-js implementation for every method of `service`: implemented ones call the handler,
 * the rest log loudly and answer UNIMPLEMENTED, so an SDK upgrade that needs a new call shows at once.
 */
export function implementService(
  serviceName: string,
  service: grpc.ServiceDefinition,
  handlers: HandlerMap,
): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {};
  // proto-loader keys the definition by the RPC name as written in the .proto, e.g. StartWorkflowExecution.
  for (const rpcName of Object.keys(service)) {
    const handler = handlers[rpcName];
    impl[rpcName] = handler
      ? wrapHandler(serviceName, rpcName, handler)
      : (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
          process.stderr.write(`[temporal-emulator] UNIMPLEMENTED RPC called: ${serviceName}/${rpcName}\n`);
          callback({
            code: grpc.status.UNIMPLEMENTED,
            details: `${rpcName} is not implemented by the emulator`,
          });
        };
  }
  return impl;
}

function wrapHandler(serviceName: string, rpcName: string, handler: Handler) {
  return (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
    let onCancel: () => void = () => undefined;
    const cancelled = new Promise<void>((resolve) => {
      onCancel = resolve;
    });
    call.on('cancelled', () => onCancel());
    const deadline = call.getDeadline();
    const deadlineMs =
      deadline instanceof Date ? deadline.getTime() : typeof deadline === 'number' ? deadline : Infinity;
    const ctx: CallContext = {
      call,
      cancelled,
      msUntilDeadline: () => (Number.isFinite(deadlineMs) ? deadlineMs - Date.now() : Infinity),
    };
    Promise.resolve()
      .then(() => handler(call.request, ctx))
      .then(
        (response) => callback(null, response ?? {}),
        (err: unknown) => {
          if (err instanceof RpcError) {
            callback({ code: err.code, details: err.message, metadata: err.metadata });
            return;
          }
          process.stderr.write(
            `[temporal-emulator] internal error in ${serviceName}/${rpcName}: ${(err as Error)?.stack ?? String(err)}\n`,
          );
          callback({ code: grpc.status.INTERNAL, details: String((err as Error)?.message ?? err) });
        },
      );
  };
}
