/** Bodies of user management (`/api/admin/users…`). */
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../../platform/password-policy';

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._@-]{3,64}$/, { error: 'must be 3-64 letters, digits or . _ @ -' });
/** The rest of the password policy (common, guessable, the username) is checked by the routes. */
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(1024);
const displayName = z.string().trim().min(1).max(200);
const email = z.email({ error: 'must be an email address' }).max(320).nullable();
const role = z.enum(['admin', 'user'], { error: 'must be admin or user' });

/** `POST /api/admin/users`. */
export const createUserBodySchema = z.object({
  username,
  password,
  displayName: displayName.optional(),
  email: email.optional(),
  role: role.default('user'),
  apiAccessApproved: z.boolean().default(false),
});

/** `PATCH /api/admin/users/{id}`: any subset. */
export const updateUserBodySchema = z
  .object({
    displayName,
    email,
    role,
    password,
    apiAccessApproved: z.boolean(),
    disabled: z.boolean(),
  })
  .partial()
  .strict();

/** A user as admins see it. */
export const adminUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: role,
  apiAccessApproved: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const adminUserExample = {
  id: 'user-uuid',
  username: 'jane',
  displayName: 'Jane Doe',
  email: '[email protected]',
  role: 'user',
  apiAccessApproved: true,
  disabled: false,
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-20T14:30:00.000Z',
};

/** `{id}` of a user route; anything but a UUID is simply not found. */
export const userIdParamsSchema = z.object({ id: z.string() });
