import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A remembered response to a request sent with an `Idempotency-Key` header. Unique per
 * (scope, key); `requestHash` detects the same key reused for a different request.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Whose key space this is, e.g. a user id or a flow id. */
  @Column({ type: 'text' })
  scope!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  requestHash!: string;

  @Column({ type: 'integer' })
  responseStatus!: number;

  @Column({ type: 'jsonb' })
  responseBody!: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
