import { isHttpEffectValue } from '../../engine-action';
import type { EffectOutcomePort, NodeContext, NodeEvent, NodeResult, NodeRuntime } from '../../node-runtime';
import { awaitEffect, effectNodeRuntime, takeFailurePort } from '../../node-runtime';
import { readVariablePath, renderTemplate, toVariableValue, type Variables } from '../../variables';
import type { HttpRequestNodeData } from './http-request-node';

export type HttpRequestPort = EffectOutcomePort;
type Context = NodeContext<HttpRequestNodeData, HttpRequestPort>;

/** `http_request` at run time: renders the request, has the workflow perform it, maps the answer. */
export const httpRequestNodeRuntime: NodeRuntime<HttpRequestNodeData, HttpRequestPort> = effectNodeRuntime({
  execute: executeHttpRequestNode,
  resume: resumeHttpRequestNode,
});

function executeHttpRequestNode(ctx: Context): NodeResult<HttpRequestPort> {
  const render = (text: string) => renderTemplate(text, ctx.state.variables);
  const { method, url, headers, body, timeoutSeconds } = ctx.data;
  return awaitEffect({
    kind: 'http_request',
    request: {
      method,
      url: render(url),
      headers: Object.fromEntries((headers ?? []).map((header) => [header.name, render(header.value)])),
      body: body === undefined || method === 'GET' ? undefined : render(body),
      timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    },
  });
}

/** A 2xx response maps fields into variables and takes `success`; anything else is logged and takes `failure`. */
function resumeHttpRequestNode(ctx: Context, event: NodeEvent): NodeResult<HttpRequestPort> {
  if (event.type !== 'effect') return fail(ctx, 'The request got no answer.');
  if (!event.ok) return fail(ctx, `The request failed: ${event.error}`);
  if (!isHttpEffectValue(event.value)) return fail(ctx, 'The request returned an unreadable response.');
  const { status, body } = event.value;
  const variables: Variables = ctx.data.statusVariable ? { [ctx.data.statusVariable]: status } : {};
  if (status < 200 || status > 299) return fail(ctx, `The request answered HTTP ${status}.`, variables);
  for (const { path, variable } of ctx.data.responseMapping ?? []) {
    variables[variable] = toVariableValue(readVariablePath(body, path));
  }
  return { variables, then: { next: 'success' } };
}

function fail(ctx: Context, message: string, variables?: Variables): NodeResult<HttpRequestPort> {
  return takeFailurePort(ctx.nodeId, message, 'http_request_failed', variables);
}
