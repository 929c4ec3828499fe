import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A graph a flow published, immutable once written: nothing updates or deletes a revision except
 * deleting its flow. Numbered 1..n per flow; `flows.publishedRevision` names the one new
 * conversations run, and each conversation records the revision it started on.
 */
@Entity({ name: 'flow_revisions' })
export class FlowRevision {
  @PrimaryColumn({ type: 'uuid' })
  flowId!: string;

  @PrimaryColumn({ type: 'integer' })
  number!: number;

  /** Who published it; null when FlowBot did (a flow active before revisions, on its first start) or the user is gone. */
  @Column({ type: 'uuid', nullable: true })
  authorUserId!: string | null;

  /** The Drawflow export as published. */
  @Column({ type: 'jsonb' })
  drawflowData!: Record<string, unknown>;

  /** The validator's findings when it was published (the engine's `FlowProblem`s): [] when valid. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  problems!: Record<string, unknown>[];

  /** The revision whose graph a rollback published again; null for an ordinary publish. */
  @Column({ type: 'integer', nullable: true })
  rolledBackFrom!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
