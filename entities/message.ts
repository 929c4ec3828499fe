import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type MessageDirection = 'inbound' | 'outbound';

/** Outbound messages go pending → sent → delivered → read (or failed); inbound ones are `received`. */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';

/** A WhatsApp message in either direction. */
@Entity({ name: 'messages' })
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null for inbound messages that arrived while no conversation was open (kept for agents). */
  @Column({ type: 'uuid', nullable: true })
  conversationId!: string | null;

  @Column({ type: 'uuid' })
  whatsappAccountId!: string;

  @Column({ type: 'text' })
  direction!: MessageDirection;

  /** WhatsApp message type: text, image, interactive, template, ... */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  /** WhatsApp's `wamid`; unique so a redelivered webhook is recognised. */
  @Column({ type: 'text', nullable: true })
  waMessageId!: string | null;

  /** Idempotency key of an outbound send (run id + activity id): a retried activity never sends twice. */
  @Column({ type: 'text', nullable: true })
  sendKey!: string | null;

  @Column({ type: 'text' })
  status!: MessageStatus;

  @Column({ type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'text', nullable: true })
  errorTitle!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
