import { useState } from 'preact/hooks';
import { api, describeError } from '../api-client';
import type { CurrentUser } from '../types';

/** Username and password; the API sets the HttpOnly session cookie. */
export function LoginPage(props: { onLoggedIn: (user: CurrentUser) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const { user } = await api<{ user: CurrentUser }>('/api/auth/login', {
        json: { username: form.get('username'), password: form.get('password') },
      });
      props.onLoggedIn(user);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="container login">
      <article>
        <h1>FlowBot</h1>
        <form onSubmit={submit}>
          <label>
            Username
            <input name="username" autocomplete="username" required />
          </label>
          <label>
            Password
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          {error && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
          <button type="submit" aria-busy={busy}>
            Log in
          </button>
        </form>
      </article>
    </main>
  );
}
