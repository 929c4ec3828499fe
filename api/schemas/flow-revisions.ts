/** Parameters and bodies of the flow revision routes (`/api/flows/{id}/revisions…`). */
import { z } from 'zod';
import { drawflowDataSchema, flowGraphInvalidSchema } from './flows';

/** A revision number in a path or query: 1, 2, … (anything else is a 400 naming the field). */
const revisionNumberSchema = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, { error: 'must be a revision number (1, 2, …)' })
  .transform(Number);

/** `{id}/revisions/{number}`; an `{id}` that is not a UUID is simply not found. */
export const flowRevisionParamsSchema = z.object({ id: z.string(), number: revisionNumberSchema });

/** `…/diff?against=…`: default the revision before `{number}`. */
export const revisionDiffQuerySchema = z.object({ against: revisionNumberSchema.optional() });

/** One row of `GET /api/flows/{id}/revisions`: the revision without its graph. */
export const flowRevisionSummarySchema = z.object({
  number: z.number().int().describe('1 for the first published graph, then 2, 3, …'),
  current: z
    .boolean()
    .describe('Whether new conversations run this revision (the flow’s `publishedRevision`)'),
  authorUserId: z
    .uuid()
    .nullable()
    .describe('Who published it; null when FlowBot did (see docs/flow-revisions.md) or the user was deleted'),
  authorName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  rolledBackFrom: z
    .number()
    .int()
    .nullable()
    .describe('The revision whose graph this rollback published again; null for an ordinary publish'),
  nodeCount: z.number().int(),
  problemCount: z.number().int().describe('How many problems the validator reported when it was published'),
});

/** `GET /api/flows/{id}/revisions/{number}`: the revision with its graph and validation result. */
export const flowRevisionDetailSchema = flowRevisionSummarySchema.extend({
  drawflowData: drawflowDataSchema,
  problems: flowGraphInvalidSchema.shape.problems.describe(
    'The validator’s findings when it was published; [] when valid',
  ),
});

const connectionSchema = z.object({
  from: z.string().describe('Source node id'),
  output: z.string().describe('Drawflow output key, e.g. output_2'),
  port: z
    .string()
    .optional()
    .describe('The output’s name, e.g. timeout or button_2, when the node type says'),
  to: z.string().describe('Target node id'),
});
const diffNodeSchema = z.object({ nodeId: z.string(), type: z.string() });

/** `GET /api/flows/{id}/revisions/{number}/diff`. */
export const flowRevisionDiffSchema = z.object({
  number: z.number().int(),
  against: z
    .number()
    .int()
    .nullable()
    .describe('The revision compared with; null for revision 1 (compared with nothing)'),
  nodes: z.object({
    added: z.array(diffNodeSchema),
    removed: z.array(diffNodeSchema),
    changed: z.array(
      diffNodeSchema.extend({
        oldType: z.string().optional().describe('The type in `against`, when the node changed type'),
        fields: z.array(
          z.object({
            field: z.string(),
            old: z.unknown().optional().describe('Left out when `against` lacks the field'),
            new: z.unknown().optional().describe('Left out when `{number}` lacks the field'),
          }),
        ),
      }),
    ),
  }),
  connections: z.object({ added: z.array(connectionSchema), removed: z.array(connectionSchema) }),
});

export const flowRevisionSummaryExample = {
  number: 2,
  current: true,
  authorUserId: 'user-uuid',
  authorName: 'Your Name',
  createdAt: '2025-01-20T14:30:00.000Z',
  rolledBackFrom: null,
  nodeCount: 6,
  problemCount: 0,
};

export const flowRevisionDetailExample = {
  ...flowRevisionSummaryExample,
  drawflowData: { drawflow: { Home: { data: {} } } },
  problems: [],
};

export const flowRevisionDiffExample = {
  number: 2,
  against: 1,
  nodes: {
    added: [{ nodeId: '5', type: 'handoff' }],
    removed: [],
    changed: [
      {
        nodeId: '3',
        type: 'message',
        fields: [{ field: 'text', old: 'Thanks!', new: 'Thank you, we will be in touch.' }],
      },
    ],
  },
  connections: {
    added: [{ from: '2', output: 'output_3', port: 'timeout', to: '5' }],
    removed: [],
  },
};
