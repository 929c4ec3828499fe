import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WebhookEventType } from './webhook-outbox';

/**
 * A tenant's receiver of signed event webhooks (docs/integration-guide.md, "Receive event webhooks").
 * The signing secret is stored encrypted (platform/secrets.ts) and shown only when created or rotated.
 */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The tenant: events of this user's conversations and campaigns reach the endpoint. */
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** AES-256-GCM with DATA_ENCRYPTION_KEY (`encryptSecret`). */
  @Column({ type: 'text' })
  secretEncrypted!: string;

  @Column({ type: 'text', array: true })
  eventTypes!: WebhookEventType[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
