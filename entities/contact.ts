import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Whether the customer agreed to hear from the business; `unknown` until one side says so. */
export type ContactOptState = 'unknown' | 'opted_in' | 'opted_out';

/**
 * One customer of one business number: the phone, what the business knows of them, and whether they
 * may be messaged. Unique per (business number, phone). Leads, outbound triggers and inbound
 * messages create or update it; an opted-out contact is never sent anything (the send activity checks).
 */
@Entity({ name: 'contacts' })
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  whatsappAccountId!: string;

  /** E.164 with the leading `+`, e.g. `+15551234567`. */
  @Column({ type: 'text' })
  phone!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** Free key/value pairs (string values), e.g. `{ "city": "Haifa" }`; campaign parameters read them. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  attributes!: Record<string, string>;

  @Column({ type: 'text', array: true, default: () => "'{}'::text[]" })
  tags!: string[];

  @Column({ type: 'text', default: 'unknown' })
  optState!: ContactOptState;

  /** When optState last changed. */
  @Column({ type: 'timestamptz', nullable: true })
  optStateAt!: Date | null;

  /** What changed it: `keyword`, `api`, `import`, `lead`, `trigger`, `inbound`. */
  @Column({ type: 'text', nullable: true })
  optStateSource!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
