import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `active` and `handoff` are open; the others are final and must come with `endedAt`. */
export type ConversationStatus = 'active' | 'handoff' | 'completed' | 'stopped' | 'failed';

/** What started the conversation: an API call, a lead form, a customer's first message, an agent. */
export type TriggerSource = 'outbound' | 'lead' | 'inbound' | 'agent';

/**
 * One flow run with one customer. The database allows a single open conversation (endedAt IS NULL)
 * per business number and customer phone: a second insert fails with a unique violation
 * (PostgreSQL code 23505, index `conversations_one_open_per_phone`).
 */
@Entity({ name: 'conversations' })
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  whatsappAccountId!: string;

  @Column({ type: 'uuid', nullable: true })
  flowId!: string | null;

  @Column({ type: 'integer', nullable: true })
  flowVersion!: number | null;

  /** The flow revision this conversation runs (flow_revisions.number); null for flow-less and older rows. */
  @Column({ type: 'integer', nullable: true })
  flowRevision!: number | null;

  /** E.164 with the leading `+`, e.g. `+15551234567`. */
  @Column({ type: 'text' })
  customerPhone!: string;

  @Column({ type: 'text', nullable: true })
  customerName!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: ConversationStatus;

  @Column({ type: 'text' })
  triggerSource!: TriggerSource;

  @Column({ type: 'text', nullable: true })
  lastMessage!: string | null;

  @Column({ type: 'text', nullable: true })
  currentNodeId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  variables!: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  /** Opens the 24-hour customer-service window. */
  @Column({ type: 'timestamptz', nullable: true })
  lastCustomerMessageAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  workflowId!: string | null;

  @Column({ type: 'text', nullable: true })
  runId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
