import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Who may use FlowBot: `admin` manages users and approves API access. */
export type UserRole = 'admin' | 'user';

/** A person who logs in. `username` is unique regardless of case (index on lower(username)). */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', default: 'user' })
  role!: UserRole;

  /** scrypt hash from platform/secrets.ts `hashPassword`. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: false })
  apiAccessApproved!: boolean;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /**
   * Carried in session JWTs and compared on every request: raising it ends every session issued
   * before (logout, password or role change, disabling). See api/auth/end-sessions.ts.
   */
  @Column({ type: 'integer', default: 0 })
  sessionEpoch!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
