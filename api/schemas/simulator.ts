/** The body and answer of `POST /api/flows/{id}/simulate`. */
import { z } from 'zod';
import { parseVirtualDelay } from '../simulator/virtual-delay';

/** "+25h", "+90m", "+3d", "+30s", "+1d12h": how long the customer stays silent. */
const delaySchema = z.string().superRefine((text, ctx) => {
  try {
    parseVirtualDelay(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/** One thing that happens to the run, in order. */
export const simulationStepSchema = z.union([
  z
    .strictObject({ customer: z.string().min(1).max(4096) })
    .meta({ description: 'The customer writes this text' }),
  z.strictObject({ choose: z.string().min(1).max(256) }).meta({
    description: 'The customer taps a button or list row of the last interactive message (by id or title)',
  }),
  z
    .strictObject({ wait: delaySchema })
    .meta({ description: 'Virtual time passes; timers due meanwhile fire' }),
  z
    .strictObject({ agent: z.enum(['takeover', 'release']) })
    .meta({ description: 'An agent takes the conversation over, or hands it back' }),
]);

/** A canned effect answer: an HTTP response, an AI reply, an AI route, or a failure. */
export const cannedAnswerSchema = z.union([
  z.strictObject({ status: z.number().int().min(100).max(599), body: z.unknown().optional() }),
  z.strictObject({ text: z.string().max(4096) }),
  z.strictObject({ intent: z.string().max(128).nullable() }),
  z.strictObject({ error: z.string().min(1).max(512) }),
]);

export const simulationRequestSchema = z.strictObject({
  revision: z
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: 'A published revision; without it the flow as saved now (the draft) runs' }),
  trigger: z.enum(['lead', 'outbound', 'inbound']).default('lead'),
  startAt: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Virtual clock at the start (default: now)' }),
  variables: z.record(z.string().max(64), z.unknown()).optional(),
  openingTemplate: z
    .strictObject({
      name: z.string().min(1).max(512),
      language: z.string().min(2).max(15),
      bodyParams: z.array(z.string().max(1024)).max(20).default([]),
    })
    .optional()
    .meta({ description: 'For trigger "outbound": the approved template the run opens with' }),
  script: z.array(simulationStepSchema).max(200),
  answers: z
    .record(z.string().max(64), z.union([cannedAnswerSchema, z.array(cannedAnswerSchema).min(1).max(50)]))
    .default({})
    .meta({
      description:
        'Canned answers for http_request, ai_reply and ai_router nodes, by node id: one answer, or a list used in order (the last one repeats)',
    }),
});

export type SimulationRequest = z.infer<typeof simulationRequestSchema>;
export type SimulationStep = z.infer<typeof simulationStepSchema>;
export type CannedAnswer = z.infer<typeof cannedAnswerSchema>;

const isoTime = z.iso.datetime();

const simulatedStepSchema = z.object({
  at: isoTime,
  scriptIndex: z.number().int().nullable().meta({ description: 'The script entry that caused it' }),
  input: z
    .object({ type: z.enum(['start', 'customer', 'timer', 'effect', 'agent']) })
    .loose()
    .meta({
      description:
        'What made the flow move: the start, a customer message, a timer, an effect answer, an agent',
    }),
  messages: z.array(
    z.object({
      nodeId: z.string(),
      kind: z.enum(['text', 'media', 'buttons', 'list', 'template']),
      text: z.string().meta({ description: 'As the customer reads it' }),
      message: z.record(z.string(), z.unknown()),
    }),
  ),
  path: z.array(z.string()).meta({ description: 'The nodes entered in this step, in order' }),
  transitions: z
    .array(
      z
        .object({
          seq: z.number().int(),
          kind: z.enum(['entered', 'left', 'handed_over', 'ended']),
          nodeId: z.string(),
          nodeType: z.string(),
          at: z.number().meta({ description: 'Epoch ms on the virtual clock' }),
          port: z.string().optional(),
          timedOut: z.literal(true).optional(),
          spentMs: z.number().optional(),
        })
        .loose(),
    )
    .meta({
      description:
        'Each move through the graph: entered, left by a port (timed out or not), handed over, ended',
    }),
  variables: z.record(z.string(), z.unknown()),
  window: z.object({ open: z.boolean(), closesAt: isoTime.nullable() }),
  waiting: z
    .object({
      nodeId: z.string(),
      for: z.enum(['customer_reply', 'delay', 'effect', 'agent']),
      until: isoTime.nullable(),
    })
    .nullable(),
  status: z.enum(['active', 'handoff', 'completed', 'failed', 'stopped']),
  notes: z.array(z.string()),
});

export const simulationResultSchema = z.object({
  flowId: z.uuid(),
  revision: z.number().int().nullable().meta({ description: 'The revision simulated; null for the draft' }),
  startedAt: isoTime,
  endedAt: isoTime.meta({ description: 'The virtual clock when the script ended' }),
  steps: z.array(simulatedStepSchema),
  outcome: z.object({
    status: z.enum(['active', 'handoff', 'completed', 'failed', 'stopped', 'waiting']),
    reason: z.string().nullable(),
    nodeId: z.string().nullable(),
    at: isoTime,
  }),
  warnings: z.array(z.string()),
});
