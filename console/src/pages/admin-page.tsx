import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api-client';

interface AdminUser {
  id: string;
  username: string;
  displayName: string | null;
  role: string;
  apiAccessApproved: boolean;
  disabled: boolean;
}

/** Admin: every user, approving API usage and disabling an account. */
export function AdminPage(props: { currentUserId: string }) {
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<AdminUser[]>('/api/admin/users').then(setUsers, (failure) => setError(describeError(failure)));
  }, []);
  const update = async (
    user: AdminUser,
    change: Partial<Pick<AdminUser, 'apiAccessApproved' | 'disabled'>>,
  ) => {
    try {
      const updated = await api<AdminUser>(`/api/admin/users/${user.id}`, { method: 'PATCH', json: change });
      setUsers(users.map((u) => (u.id === user.id ? { ...u, ...updated } : u)));
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <>
      <h1>Users</h1>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="overflow-auto">
        <table class="striped">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">API usage</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.username} <small>{user.displayName}</small>
                </td>
                <td>{user.role}</td>
                <td>
                  <button
                    type="button"
                    class="outline"
                    onClick={() => update(user, { apiAccessApproved: !user.apiAccessApproved })}
                  >
                    {user.apiAccessApproved
                      ? `Revoke API usage of ${user.username}`
                      : `Approve API usage of ${user.username}`}
                  </button>
                </td>
                <td>
                  {user.id !== props.currentUserId && (
                    <button
                      type="button"
                      class="outline secondary"
                      onClick={() => update(user, { disabled: !user.disabled })}
                    >
                      {user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
