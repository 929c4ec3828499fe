import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Where a campaign is in its life; only the arrows of docs/campaigns.md are allowed. */
export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'running',
  'paused',
  'completed',
  'cancelled',
] as const;

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * The template a campaign sends: by name and language, or one of a template group's. `parameters`
 * are the template's parameters (header's first, then body's), each a text with `{{name}}`,
 * `{{phone}}` or `{{attr.<key>}}` placeholders; `{{name|there}}` gives a default for an empty field.
 */
export interface CampaignTemplate {
  name: string;
  language: string;
  templateGroupId?: string;
  headerParamCount?: number;
  parameters: string[];
}

/** One recipient of an explicit list (or a CSV row): fields the parameters may read. */
export interface ListedRecipient {
  phone: string;
  name?: string;
  attributes?: Record<string, string>;
}

/** Who a campaign goes to; fixed (materialised into campaign_recipients) when it starts. */
export type CampaignAudience =
  /** `filter` is a contact filter (api/contacts/contact-filter.ts), validated by the API. */
  { type: 'filter'; filter: Record<string, unknown> } | { type: 'list'; recipients: ListedRecipient[] };

/** When sends may go out: on these weekdays (0 = Sunday), between `from` and `to` (HH:MM), local time. */
export interface SendingWindow {
  timeZone: string;
  days: number[];
  from: string;
  to: string;
}

/** A template sent to an audience at a pace by `campaignWorkflow`. */
@Entity({ name: 'campaigns' })
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  whatsappAccountId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  template!: CampaignTemplate;

  @Column({ type: 'jsonb' })
  audience!: CampaignAudience;

  /** Flow started for a recipient who replies (when they have no open conversation). */
  @Column({ type: 'uuid', nullable: true })
  replyFlowId!: string | null;

  /** Null = as soon as it is scheduled. */
  @Column({ type: 'timestamptz', nullable: true })
  startAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  sendingWindow!: SendingWindow | null;

  /** The campaign's pace; the number's own `messagesPerSecond` bounds it. */
  @Column({ type: 'integer' })
  messagesPerSecond!: number;

  @Column({ type: 'text', default: 'draft' })
  status!: CampaignStatus;

  /** Why a running campaign is not sending now: `start_time`, `sending_window`, `daily_recipient_limit`. */
  @Column({ type: 'text', nullable: true })
  waitingFor!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  waitingUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  workflowId!: string | null;

  /** When the audience was fixed. */
  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
