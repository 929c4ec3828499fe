import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import type { HttpRequestNodeData } from './http-request-node-data';

/** Renders the request and asks the workflow to perform it. */
export function executeHttpRequestNode(ctx: NodeContext<HttpRequestNodeData>): NodeResult {
  const render = (text: string) => renderTemplate(text, ctx.state.variables);
  const { method, url, headers, body, timeoutSeconds } = ctx.data;
  return {
    then: {
      kind: 'wait',
      wait: {
        kind: 'effect',
        effect: {
          kind: 'http_request',
          request: {
            method,
            url: render(url),
            headers: Object.fromEntries((headers ?? []).map((header) => [header.name, render(header.value)])),
            body: body === undefined || method === 'GET' ? undefined : render(body),
            timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
          },
        },
      },
    },
  };
}
