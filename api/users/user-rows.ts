/**
 * The `users` table for the API: lookups for authentication and login, and the admin's user
 * management. A taken username (unique regardless of case) is a 409.
 */
import { QueryFailedError, type DataSource } from 'typeorm';
import type { User, UserRole } from '../../entities/user';
import { endSessions } from '../auth/end-sessions';
import type { Queryable } from '../database/queryable';
import { findRowById } from '../database/find-row-by-id';
import { saveRowChanges } from '../database/save-row-changes';
import { ConflictError } from '../errors';
import { isUuid } from '../routing/is-uuid';

/** The user with this id; null for an unknown id or one that is not a UUID. */
export async function findUser(db: Queryable, id: string): Promise<User | null> {
  return await findRowById<User>(db, 'users', id);
}

/** A user with the client id of their API key (null before the first rotation). */
export type UserWithApiClient = User & { apiClientId: string | null };

/**
 * The user and their API client id in one statement: authentication needs both for an API JWT, on
 * every request, so they are read together rather than one after the other.
 */
export async function findUserWithApiClient(db: Queryable, id: string): Promise<UserWithApiClient | null> {
  if (!isUuid(id)) return null;
  const rows: UserWithApiClient[] = await db.query(
    `SELECT users.*, api_clients."clientId" AS "apiClientId"
       FROM users LEFT JOIN api_clients ON api_clients."userId" = users.id
      WHERE users.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The user whose username is `username`, compared regardless of case (as the unique index does). */
export async function findUserByUsername(db: Queryable, username: string): Promise<User | null> {
  const rows: User[] = await db.query(`SELECT * FROM users WHERE lower(username) = lower($1)`, [username]);
  return rows[0] ?? null;
}

/** Every user, oldest first. */
export async function listUsers(db: Queryable): Promise<User[]> {
  return await db.query(`SELECT * FROM users ORDER BY "createdAt" ASC`);
}

/** What a new user is made of; the rest (id, not disabled, epoch 0, timestamps) is the table's default. */
export interface NewUser {
  username: string;
  displayName: string;
  email: string | null;
  role: UserRole;
  apiAccessApproved: boolean;
  passwordHash: string;
}

/**
 * Inserts a user and returns the stored row.
 * @throws ConflictError (409) when the username is taken.
 */
export async function insertUser(db: Queryable, user: NewUser): Promise<User> {
  const rows: User[] = await refuseTakenUsername(() =>
    db.query(
      `INSERT INTO users (username, "displayName", email, role, "apiAccessApproved", "passwordHash")
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING *`,
      [user.username, user.displayName, user.email, user.role, user.apiAccessApproved, user.passwordHash],
    ),
  );
  return rows[0];
}

/** The fields of a user the admin edits. */
export type UserChanges = Partial<
  Pick<User, 'displayName' | 'email' | 'role' | 'apiAccessApproved' | 'disabled' | 'passwordHash'>
>;

/**
 * Writes `changes` to `user` and, with `endSessions`, ends every login session of the user in the
 * same transaction (a password change must not commit while the old sessions live on).
 * @returns the stored row, and the new session epoch when sessions were ended.
 */
export async function saveUserChanges(
  dataSource: DataSource,
  user: User,
  changes: UserChanges,
  options: { endSessions: boolean },
): Promise<{ user: User; epoch?: number }> {
  return await dataSource.transaction(async (manager) => {
    const updated = await refuseTakenUsername(() => saveRowChanges<User>(manager, 'users', user, changes));
    const epoch = options.endSessions ? await endSessions(manager, user.id) : undefined;
    return { user: updated, epoch };
  });
}

async function refuseTakenUsername<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
      throw new ConflictError('Username is already taken', { cause: error });
    }
    throw error;
  }
}
