import type { DataProblem, NodeDefinition } from '../../node-definition';
import { executeHttpRequestNode } from './execute-http-request-node';
import { httpRequestNodeDataSchema, type HttpRequestNodeData } from './http-request-node-data';
import { resumeHttpRequestNode } from './resume-http-request-node';

/** `http_request`: calls an outside HTTP endpoint. */
export const httpRequestNode: NodeDefinition<HttpRequestNodeData> = {
  summary: 'Calls an HTTP endpoint and copies response fields into variables.',
  dataSchema: httpRequestNodeDataSchema,
  outputs: () => [
    { name: 'success', description: 'The endpoint answered 2xx; mapped fields are saved.' },
    { name: 'failure', description: 'Network error, timeout or a non-2xx answer.', failure: true },
  ],
  openingRole: () => 'passes',
  execute: executeHttpRequestNode,
  resume: resumeHttpRequestNode,
  validate: (data): DataProblem[] =>
    /^(https?:\/\/|\{\{)/i.test(data.url)
      ? []
      : [{ path: ['url'], message: 'The URL must start with http:// or https:// (or be a {{variable}}).' }],
};
