import type { DataProblem, NodeDefinition } from '../../node-definition';
import { httpRequestNodeDataSchema, type HttpRequestNodeData } from './http-request-node-data';
import { httpRequestNodeRuntime } from './http-request-node-runtime';

/** `http_request`: calls an outside HTTP endpoint. */
export const httpRequestNode: NodeDefinition<HttpRequestNodeData> = {
  summary: 'Calls an HTTP endpoint and copies response fields into variables.',
  dataSchema: httpRequestNodeDataSchema,
  ...httpRequestNodeRuntime,
  openingRole: () => 'passes',
  validate: (data): DataProblem[] =>
    /^(https?:\/\/|\{\{)/i.test(data.url)
      ? []
      : [{ path: ['url'], message: 'The URL must start with http:// or https:// (or be a {{variable}}).' }],
};
