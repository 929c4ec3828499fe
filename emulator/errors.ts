import * as grpc from '@grpc/grpc-js';

/** An error a handler throws to answer the RPC with a specific gRPC status. */
export class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
    readonly metadata?: grpc.Metadata,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** NOT_FOUND, the status the SDK expects for unknown executions and stale task tokens. */
export function notFound(message: string): RpcError {
  return new RpcError(grpc.status.NOT_FOUND, message);
}

/** INVALID_ARGUMENT for malformed requests (and the magic "UnhandledCommand" message core looks for). */
export function invalidArgument(message: string): RpcError {
  return new RpcError(grpc.status.INVALID_ARGUMENT, message);
}
