import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Lifecycle of a flow: only `active` flows may be started. */
export type FlowStatus = 'draft' | 'active' | 'archived';

/** A conversation design stored as Drawflow JSON. */
@Entity({ name: 'flows' })
export class Flow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid', nullable: true })
  whatsappAccountId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: FlowStatus;

  /** Incremented on every graph change; running conversations keep the version they started with. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /**
   * The revision new conversations run (flow_revisions.number); null until the flow first publishes.
   * An active flow's `drawflowData` is this revision's graph: activation, edits of an active flow and
   * rollbacks publish in the transaction that writes them.
   */
  @Column({ type: 'integer', nullable: true })
  publishedRevision!: number | null;

  /** The Drawflow export (`{"drawflow":{"Home":{"data":{...}}}}`), validated by workflows/engine. */
  @Column({ type: 'jsonb' })
  drawflowData!: Record<string, unknown>;

  /** Hex SHA-256 of the per-flow outbound trigger token. */
  @Column({ type: 'text', nullable: true })
  outboundTokenHash!: string | null;

  /** HMAC secret for signed triggers, encrypted (it must be recovered to verify signatures). */
  @Column({ type: 'text', nullable: true })
  hmacSecretEncrypted!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
