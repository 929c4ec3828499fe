import type { Engine } from './engine';
import type { HandlerMap } from './grpc-wiring';

const SERVER_VERSION = '1.24.0-flowbot-emulator';

function describeNamespace(name: string) {
  return {
    namespaceInfo: {
      name,
      state: 'NAMESPACE_STATE_REGISTERED',
      id: `emulator-${name}`,
      description: 'FlowBot Temporal emulator namespace',
      capabilities: { eagerWorkflowStart: false, syncUpdate: false, asyncUpdate: false },
    },
    config: { workflowExecutionRetentionTtl: { seconds: 86_400, nanos: 0 } },
    isGlobalNamespace: false,
  };
}

/** Namespace, cluster and search-attribute RPCs (WorkflowService and OperatorService). */
export function systemHandlers(engine: Engine): { workflow: HandlerMap; operator: HandlerMap } {
  const customAttributes = () => Object.fromEntries(engine.searchAttributeTypes);
  return {
    workflow: {
      GetSystemInfo: () => ({
        serverVersion: SERVER_VERSION,
        capabilities: {
          signalAndQueryHeader: true,
          internalErrorDifferentiation: true,
          activityFailureIncludeHeartbeat: true,
          supportsSchedules: false,
          encodedFailureAttributes: true,
          buildIdBasedVersioning: false,
          upsertMemo: true,
          eagerWorkflowStart: false,
          sdkMetadata: true,
          countGroupByExecutionStatus: false,
          nexus: false,
        },
      }),
      GetClusterInfo: () => ({
        serverVersion: SERVER_VERSION,
        clusterName: 'emulator',
        clusterId: 'emulator',
        historyShardCount: 1,
      }),
      DescribeNamespace: (req) => {
        const name = req.namespace || 'default';
        engine.namespaces.add(name);
        return describeNamespace(name);
      },
      RegisterNamespace: (req) => {
        engine.namespaces.add(req.namespace);
        return {};
      },
      ListNamespaces: () => ({ namespaces: [...engine.namespaces].map(describeNamespace) }),
      GetSearchAttributes: () => ({ keys: customAttributes() }),
    },
    operator: {
      AddSearchAttributes: (req) => {
        for (const [name, type] of Object.entries((req.searchAttributes ?? {}) as Record<string, string>)) {
          engine.searchAttributeTypes.set(name, type);
        }
        engine.changed();
        return {};
      },
      ListSearchAttributes: () => ({ customAttributes: customAttributes(), systemAttributes: {} }),
    },
  };
}
