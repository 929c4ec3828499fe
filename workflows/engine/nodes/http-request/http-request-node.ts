import { z } from 'zod';
import { variableNameSchema } from '../node-field-schemas';
import type { DataProblem, NodeDefinition } from '../../node-definition';
import type { HttpRequestPort } from './http-request-node-runtime';

export const httpRequestNodeDataSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  url: z.string().min(1, 'The URL is empty.').describe('http(s) URL; {{variables}} are filled in.'),
  headers: z
    .array(z.object({ name: z.string().min(1, 'The header name is empty.'), value: z.string() }))
    .optional()
    .describe('Request headers; values are templated.'),
  body: z.string().optional().describe('Request body (usually JSON); {{variables}} are filled in.'),
  responseMapping: z
    .array(
      z.object({
        path: z
          .string()
          .min(1, 'The response path is empty.')
          .describe('Path in the JSON response: data.items[0].id'),
        variable: variableNameSchema,
      }),
    )
    .optional()
    .describe('Response fields copied into variables on success.'),
  statusVariable: variableNameSchema.optional().describe('Variable that receives the HTTP status code.'),
  timeoutSeconds: z.number().positive().max(60, 'A request can wait at most 60 seconds.').optional(),
});
export type HttpRequestNodeData = z.infer<typeof httpRequestNodeDataSchema>;

/** `http_request`: calls an outside HTTP endpoint. */
export const httpRequestNode: NodeDefinition<HttpRequestNodeData, HttpRequestPort> = {
  title: 'HTTP request',
  summary: 'Calls an HTTP endpoint and copies response fields into variables.',
  dataSchema: httpRequestNodeDataSchema,
  ports: {
    success: 'the endpoint answered 2xx; mapped fields are saved',
    failure: 'network error, timeout or a non-2xx answer',
  },
  preview: (data) => `${data.method} ${data.url}`,
  openingRole: () => 'passes',
  validate: (data): DataProblem[] =>
    /^(https?:\/\/|\{\{)/i.test(data.url)
      ? []
      : [{ path: ['url'], message: 'The URL must start with http:// or https:// (or be a {{variable}}).' }],
};
