import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { WebhookEventType } from './webhook-outbox';

/** `pending` while attempts go on; `delivered` after a 2xx; `failed` once retrying has ended. */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * One event for one endpoint: the outbox row written with the change that caused the event, and the
 * delivery log of its attempts. Its id is the event id the receiver sees (`X-FlowBot-Delivery`,
 * `id` in the body); a redelivery keeps it.
 */
@Entity({ name: 'webhook_deliveries' })
export class WebhookDelivery {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id!: string;

  @Column({ type: 'uuid' })
  endpointId!: string;

  @Column({ type: 'text' })
  eventType!: WebhookEventType;

  /** The whole body sent: `{ id, type, createdAt, data }`. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status!: WebhookDeliveryStatus;

  /** Attempts made, over every attempt series (redeliveries add to it). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** When the current attempt series was queued: the event's creation, or the last redelivery. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  queuedAt!: Date;

  /** When its delivery workflow was started for the current series; null until then (the sweep's cue). */
  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
