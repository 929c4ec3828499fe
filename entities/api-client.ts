import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The one API credential of a user: a public `clientId` and the SHA-256 of its secret key. */
@Entity({ name: 'api_clients' })
export class ApiClient {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Unique: a user has at most one API client; rotating replaces the key in place. */
  @Column({ type: 'uuid' })
  userId!: string;

  /** Public identifier such as `aiflow_<random>`. */
  @Column({ type: 'text' })
  clientId!: string;

  /** Hex SHA-256 of the API key (platform/secrets.ts `hashToken`); the key itself is never stored. */
  @Column({ type: 'text' })
  apiKeyHash!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  rotatedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
