import type { DataSource } from 'typeorm';
import { User } from '../../entities';
import { findPasswordProblem } from '../../platform/password-policy';
import { hashPassword } from '../../platform/secrets';
import { UsageError } from './usage-error';

/** Arguments of `create-user`. */
export interface CreateUserArgs {
  username: string;
  password: string;
  admin: boolean;
  displayName?: string;
  email?: string;
  approveApi: boolean;
}

/** Creates a user (or an admin) with a hashed password; usernames are unique regardless of case. */
export async function createUser(dataSource: DataSource, args: CreateUserArgs): Promise<User> {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(args.username)) {
    throw new UsageError('--username may use letters, digits, dot, dash and underscore (1-100 characters)');
  }
  const passwordProblem = findPasswordProblem(args.password, args.username);
  if (passwordProblem) throw new UsageError(`--password ${passwordProblem}`);
  const users = dataSource.getRepository(User);
  const existing = await users
    .createQueryBuilder('user')
    .where('lower(user.username) = lower(:username)', { username: args.username })
    .getOne();
  if (existing) throw new UsageError(`a user named ${existing.username} already exists`);
  return users.save({
    username: args.username,
    displayName: args.displayName ?? args.username,
    email: args.email ?? null,
    role: args.admin ? 'admin' : 'user',
    passwordHash: await hashPassword(args.password),
    // Admins manage API access themselves; approving them up front saves a pointless step.
    apiAccessApproved: args.approveApi || args.admin,
  });
}
