import type { NodeRuntime } from '../../node-definition';
import { executeHttpRequestNode } from './execute-http-request-node';
import type { HttpRequestNodeData } from './http-request-node-data';
import { resumeHttpRequestNode } from './resume-http-request-node';

/** `http_request` at run time: its outputs, executor and resumer. */
export const httpRequestNodeRuntime: NodeRuntime<HttpRequestNodeData> = {
  outputs: () => [
    { name: 'success', description: 'The endpoint answered 2xx; mapped fields are saved.' },
    { name: 'failure', description: 'Network error, timeout or a non-2xx answer.', failure: true },
  ],
  execute: executeHttpRequestNode,
  resume: resumeHttpRequestNode,
};
