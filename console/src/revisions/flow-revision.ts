/** The answers of the flow revision routes, typed from the API's own schemas. */
import type { z } from 'zod';
import type {
  flowRevisionDetailSchema,
  flowRevisionDiffSchema,
  flowRevisionSummarySchema,
} from '../../../api/schemas/flow-revisions';

/** One row of `GET /api/flows/{id}/revisions` (newest first). */
export type FlowRevisionSummary = z.output<typeof flowRevisionSummarySchema>;

/** `POST /api/flows/{id}/revisions/{number}/rollback`'s answer: the revision now current. */
export type FlowRevisionDetail = z.output<typeof flowRevisionDetailSchema>;

/** `GET /api/flows/{id}/revisions/{number}/diff`: what changed from `against` to `number`. */
export type FlowRevisionDiff = z.output<typeof flowRevisionDiffSchema>;
export type DiffNode = FlowRevisionDiff['nodes']['added'][number];
export type DiffConnection = FlowRevisionDiff['connections']['added'][number];
