/** The answers of the flow revision routes (api/schemas/flow-revisions.ts), the parts the console shows. */

/** One row of `GET /api/flows/{id}/revisions` (newest first). */
export interface FlowRevisionSummary {
  number: number;
  current: boolean;
  authorUserId: string | null;
  authorName: string | null;
  createdAt: string;
  rolledBackFrom: number | null;
  nodeCount: number;
  problemCount: number;
}

/** `POST /api/flows/{id}/revisions/{number}/rollback`'s answer: the revision now current (its graph too). */
export interface FlowRevisionDetail extends FlowRevisionSummary {
  drawflowData: Record<string, unknown>;
}

export interface DiffNode {
  nodeId: string;
  type: string;
}

export interface DiffConnection {
  from: string;
  output: string;
  port?: string;
  to: string;
}

/** `GET /api/flows/{id}/revisions/{number}/diff`: what changed from `against` to `number`. */
export interface FlowRevisionDiff {
  number: number;
  against: number | null;
  nodes: {
    added: DiffNode[];
    removed: DiffNode[];
    changed: (DiffNode & { oldType?: string; fields: { field: string; old?: unknown; new?: unknown }[] })[];
  };
  connections: { added: DiffConnection[]; removed: DiffConnection[] };
}
