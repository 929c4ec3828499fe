import fs from 'node:fs';
import path from 'node:path';
import * as protobuf from 'protobufjs';

let statusType: protobuf.Type | undefined;
let failureType: protobuf.Type | undefined;

function loadTypes(): boolean {
  if (statusType && failureType) return true;
  try {
    const root = new protobuf.Root();
    const protoRoot = path.join(
      path.dirname(require.resolve('@temporalio/core-bridge/package.json')),
      'sdk-core/crates/protos/protos',
    );
    root.resolvePath = (_origin, target) => {
      for (const dir of ['api_upstream', '.']) {
        const candidate = path.join(protoRoot, dir, target);
        if (fs.existsSync(candidate)) return candidate;
      }
      return target;
    };
    root.loadSync(['temporal/api/errordetails/v1/message.proto', 'google/rpc/status.proto']);
    statusType = root.lookupType('google.rpc.Status');
    failureType = root.lookupType('temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure');
    return true;
  } catch {
    return false;
  }
}

/**
 * Encodes the google.rpc.Status carrying WorkflowExecutionAlreadyStartedFailure, which the server
 * sends in `grpc-status-details-bin` with ALREADY_EXISTS. Returns undefined if the protos are missing.
 */
export function encodeAlreadyStartedDetails(
  message: string,
  startRequestId: string,
  runId: string,
): Buffer | undefined {
  if (!loadTypes() || !statusType || !failureType) return undefined;
  const detail = failureType.encode(failureType.create({ startRequestId, runId })).finish();
  const status = statusType.create({
    code: 6,
    message,
    details: [
      {
        typeUrl: 'type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure',
        value: detail,
      },
    ],
  });
  return Buffer.from(statusType.encode(status).finish());
}
