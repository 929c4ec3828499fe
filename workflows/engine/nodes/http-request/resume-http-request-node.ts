import { isHttpEffectValue } from '../../engine-action';
import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import { readVariablePath, toVariableValue, type Variables } from '../../variables';
import type { HttpRequestNodeData } from './http-request-node-data';
import { httpRequestOutputs } from './http-request-outputs';

/** A 2xx response maps fields into variables and takes `success`; anything else is logged and takes `failure`. */
export function resumeHttpRequestNode(ctx: NodeContext<HttpRequestNodeData>, event: NodeEvent): NodeResult {
  if (event.type !== 'effect') return fail(ctx, 'The request got no answer.');
  if (!event.ok) return fail(ctx, `The request failed: ${event.error}`);
  if (!isHttpEffectValue(event.value)) return fail(ctx, 'The request returned an unreadable response.');
  const { status, body } = event.value;
  const variables: Variables = ctx.data.statusVariable ? { [ctx.data.statusVariable]: status } : {};
  if (status < 200 || status > 299) return fail(ctx, `The request answered HTTP ${status}.`, variables);
  for (const { path, variable } of ctx.data.responseMapping ?? []) {
    variables[variable] = toVariableValue(readVariablePath(body, path));
  }
  return { variables, then: { kind: 'next', output: httpRequestOutputs.success } };
}

function fail(ctx: NodeContext<HttpRequestNodeData>, message: string, variables?: Variables): NodeResult {
  return {
    variables,
    actions: [{ type: 'log', nodeId: ctx.nodeId, level: 'warn', message }],
    then: { kind: 'next', output: httpRequestOutputs.failure, reason: 'http_request_failed' },
  };
}
