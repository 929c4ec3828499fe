import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** How far a campaign's message to one recipient can get, in the order totals list them. */
export const CAMPAIGN_RECIPIENT_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
  'replied',
  'skipped_opted_out',
] as const;

export type CampaignRecipientStatus = (typeof CAMPAIGN_RECIPIENT_STATUSES)[number];

/** One phone of a campaign's fixed audience and what happened to its message. */
@Entity({ name: 'campaign_recipients' })
export class CampaignRecipient {
  /** Also the order of sending and part of the send key `campaign/<campaignId>/<id>`. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'uuid' })
  whatsappAccountId!: string;

  @Column({ type: 'text' })
  phone!: string;

  @Column({ type: 'uuid', nullable: true })
  contactId!: string | null;

  /** The template's parameters filled for this recipient when the audience was fixed. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  parameters!: string[];

  @Column({ type: 'text', default: 'queued' })
  status!: CampaignRecipientStatus;

  /** Meta's error code of a failed send. */
  @Column({ type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  messageId!: string | null;

  @Column({ type: 'text', nullable: true })
  waMessageId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  repliedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
