import { z } from 'zod';
import { VARIABLE_NAME_PATTERN } from '../../variables';

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
        variable: z
          .string()
          .regex(VARIABLE_NAME_PATTERN, 'A variable name has letters, digits and underscores only.'),
      }),
    )
    .optional()
    .describe('Response fields copied into variables on success.'),
  statusVariable: z
    .string()
    .regex(VARIABLE_NAME_PATTERN, 'A variable name has letters, digits and underscores only.')
    .optional()
    .describe('Variable that receives the HTTP status code.'),
  timeoutSeconds: z.number().positive().max(60, 'A request can wait at most 60 seconds.').optional(),
});
export type HttpRequestNodeData = z.infer<typeof httpRequestNodeDataSchema>;
