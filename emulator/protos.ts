import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** Root of the protos that ship inside @temporalio/core-bridge (the same ones the SDK speaks). */
const PROTO_ROOT = path.join(
  path.dirname(require.resolve('@temporalio/core-bridge/package.json')),
  'sdk-core/crates/protos/protos',
);

/** Service definitions the emulator serves, loaded once per process. */
export interface LoadedServices {
  workflowService: grpc.ServiceDefinition;
  testService: grpc.ServiceDefinition;
  operatorService: grpc.ServiceDefinition;
  healthService: grpc.ServiceDefinition;
}

/** Directories the Temporal protos import each other from. */
export const PROTO_INCLUDE_DIRS = [
  path.join(PROTO_ROOT, 'api_upstream'),
  path.join(PROTO_ROOT, 'testsrv_upstream'),
  path.join(PROTO_ROOT, 'grpc'),
  PROTO_ROOT,
];

let cached: LoadedServices | undefined;

/**
 * Loads the WorkflowService, TestService, OperatorService and grpc.health protos.
 * Longs become Numbers and enums strings, so handlers work with plain JS objects and event-type names.
 */
export function loadServices(): LoadedServices {
  if (cached) return cached;
  const options: protoLoader.Options = {
    longs: Number,
    enums: String,
    oneofs: true,
    defaults: false,
    includeDirs: PROTO_INCLUDE_DIRS,
  };
  const definition = protoLoader.loadSync(
    [
      'temporal/api/workflowservice/v1/service.proto',
      'temporal/api/operatorservice/v1/service.proto',
      'temporal/api/testservice/v1/service.proto',
      'health/v1/health.proto',
    ],
    options,
  );
  const pick = (name: string): grpc.ServiceDefinition => {
    const def = definition[name];
    if (!def) throw new Error(`proto service ${name} not found`);
    return def as grpc.ServiceDefinition;
  };
  cached = {
    workflowService: pick('temporal.api.workflowservice.v1.WorkflowService'),
    testService: pick('temporal.api.testservice.v1.TestService'),
    operatorService: pick('temporal.api.operatorservice.v1.OperatorService'),
    healthService: pick('grpc.health.v1.Health'),
  };
  return cached;
}
