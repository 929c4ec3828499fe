/** Bodies of the flow management routes (`/api/flows…`). */
import { z } from 'zod';
import { errorResponseSchema } from './system';

const flowStatus = z.enum(['draft', 'active', 'archived']);
/** A Drawflow export; its structure is checked by the flow engine (422 listing every problem). */
export const drawflowDataSchema = z.record(z.string(), z.unknown(), {
  error: 'must be a Drawflow JSON object',
});

/** The 404 of every route on one flow: unknown, or another user's (never told apart). */
export const flowNotFoundResponse = {
  description: 'No such flow (or not yours)',
  schema: errorResponseSchema,
  example: { error: 'Flow not found' },
};

/** `{id}` of a flow route; anything but a UUID is simply not found. */
export const flowIdParamsSchema = z.object({ id: z.string() });

/** `GET /api/flows?userId=…` (admins only; others always see their own flows). */
export const listFlowsQuerySchema = z.object({
  userId: z.uuid({ error: 'must be a user id (UUID)' }).optional(),
});

/** `POST /api/flows`. */
export const createFlowBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  /** Default: a graph with a single start node. */
  drawflowData: drawflowDataSchema.optional(),
  whatsappAccountId: z.uuid({ error: 'must be a WhatsApp account id (UUID)' }).nullable().optional(),
});

/** `PUT`/`PATCH /api/flows/{id}`: any subset; a new `drawflowData` is validated and bumps `version`. */
export const updateFlowBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000),
    drawflowData: drawflowDataSchema,
    whatsappAccountId: z.uuid({ error: 'must be a WhatsApp account id (UUID)' }).nullable(),
  })
  .partial()
  .strict();

/** One row of `GET /api/flows`, exactly as published. */
export const flowSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  status: flowStatus,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const flowSummaryExample = {
  id: 'flow-uuid',
  name: 'Customer Support',
  description: 'Handles customer inquiries',
  status: 'active',
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-20T14:30:00.000Z',
};

/** A flow with its graph. */
export const flowDetailSchema = flowSummarySchema.extend({
  version: z.number().int(),
  publishedRevision: z
    .number()
    .int()
    .nullable()
    .describe(
      'The revision new conversations run (`GET /api/flows/{id}/revisions`); null until first published',
    ),
  whatsappAccountId: z.uuid().nullable(),
  drawflowData: drawflowDataSchema,
  /** Whether an outbound token / HMAC secret exist (they are shown only when rotated). */
  hasOutboundToken: z.boolean(),
  hasHmacSecret: z.boolean(),
});

export const flowDetailExample = {
  ...flowSummaryExample,
  version: 3,
  publishedRevision: 2,
  whatsappAccountId: 'account-uuid',
  drawflowData: { drawflow: { Home: { data: {} } } },
  hasOutboundToken: true,
  hasHmacSecret: true,
};

/** 422 of a flow update or activation. */
export const flowGraphInvalidSchema = z.object({
  error: z.string(),
  problems: z.array(
    z.object({ path: z.string(), message: z.string(), code: z.string(), nodeId: z.string().optional() }),
  ),
});

export const flowGraphInvalidExample = {
  error: 'Flow graph is invalid',
  problems: [
    {
      code: 'dangling_connection',
      path: 'nodes.2.outputs.output_1.connections[0]',
      nodeId: '2',
      message: 'Node 2 (message) output_1 connects to node 9, which does not exist',
    },
  ],
};

/** `POST /api/flows/{id}/credentials/rotate`: shown this once. */
export const rotatedFlowCredentialsSchema = z.object({
  flowId: z.uuid(),
  /** `Authorization: Bearer <outboundToken>` on this flow's webhook routes. */
  outboundToken: z.string(),
  /** Key of the `X-Signature-256` HMAC-SHA256 over the raw request body. */
  hmacSecret: z.string(),
  rotatedAt: z.iso.datetime(),
});

/** `GET /api/flows/{id}/runs?limit=…`. */
export const listRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** One run of a flow (a Temporal workflow execution). */
export const flowRunSchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  type: z.string(),
  status: z.string(),
  startTime: z.iso.datetime(),
  closeTime: z.iso.datetime().nullable(),
  historyLength: z.number().int(),
});

export const flowRunExample = {
  workflowId: 'conversation-2d7c…',
  runId: '0196…',
  type: 'conversationWorkflow',
  status: 'RUNNING',
  startTime: '2025-01-20T10:00:00.000Z',
  closeTime: null,
  historyLength: 14,
};

/** `{id}/runs/{workflowId}/{runId}/history`. */
export const runHistoryParamsSchema = z.object({ id: z.string(), workflowId: z.string(), runId: z.string() });

/** One event of a run's history, payloads decoded. */
export const historyEventSchema = z.object({
  eventId: z.number().int(),
  eventTime: z.iso.datetime().nullable(),
  eventType: z.string(),
  summary: z
    .string()
    .nullable()
    .describe(
      'The one-line summary the Temporal Web UI shows for the run, an activity or a timer, e.g. "send text (node 3)"',
    ),
  details: z.record(z.string(), z.unknown()),
});

export const runHistorySchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  webUiUrl: z
    .string()
    .nullable()
    .describe(
      "The run's page in the Temporal Web UI (TEMPORAL_WEB_UI_URL; `npm start` sets its dev server's), null when none is configured",
    ),
  events: z.array(historyEventSchema),
});
