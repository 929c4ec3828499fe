import type { User, UserRole } from '../../entities/user';

/** The person behind a request, as loaded from the database on every request. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: UserRole;
  apiAccessApproved: boolean;
}

/** The public part of a user, as `POST /api/auth/login` and `GET /api/auth/me` return it. */
export function toPrincipal(user: User): Principal {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    apiAccessApproved: user.apiAccessApproved,
  };
}

/** True for admins, who may manage users and filter lists by `userId`. */
export function isAdmin(principal: Principal): boolean {
  return principal.role === 'admin';
}

/** `{"id","username","displayName","email","role"}`: a user as login and me publish it. */
export function toPublicUser(user: Pick<Principal, 'id' | 'username' | 'displayName' | 'email' | 'role'>) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
  };
}
