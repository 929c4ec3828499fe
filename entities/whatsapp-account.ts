import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A WhatsApp Business phone number connected to a user (Cloud API credentials). */
@Entity({ name: 'whatsapp_accounts' })
export class WhatsappAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  /** Meta's phone number id; webhooks are routed by it, so it is unique. */
  @Column({ type: 'text' })
  phoneNumberId!: string;

  @Column({ type: 'text' })
  displayPhoneNumber!: string;

  /** Access token encrypted with platform/secrets.ts `encryptSecret`. */
  @Column({ type: 'text' })
  accessTokenEncrypted!: string;

  /** Flow started when a customer writes first; null means inbound messages wait for an agent. */
  @Column({ type: 'uuid', nullable: true })
  inboundFlowId!: string | null;

  @Column({ type: 'integer', default: 80 })
  messagesPerSecond!: number;

  /**
   * Meta's messaging limit of this number: unique customers it may message outside a customer-service
   * window in a moving 24 hours (250, 2,000, 10,000, 100,000); NULL = unlimited. Campaigns wait when
   * it is reached.
   */
  @Column({ type: 'integer', nullable: true, default: 1000 })
  dailyRecipientLimit!: number | null;

  /** Words that opt a customer out (whole message, any case); NULL = the built-in defaults. */
  @Column({ type: 'text', array: true, nullable: true })
  optOutKeywords!: string[] | null;

  /** Words that opt a customer back in; NULL = the built-in defaults. */
  @Column({ type: 'text', array: true, nullable: true })
  optInKeywords!: string[] | null;

  /** Sent once when a customer opts out; NULL = no confirmation. */
  @Column({ type: 'text', nullable: true })
  optOutConfirmation!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
