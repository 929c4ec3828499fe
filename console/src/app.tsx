import { useEffect, useState } from 'preact/hooks';
import { FlowAnalyticsPage } from './analytics/flow-analytics-page';
import { api, setUnauthorizedHandler } from './api-client';
import { Layout } from './components/layout';
import { AdminPage } from './pages/admin-page';
import { FlowEditorPage } from './pages/flow-editor-page';
import { FlowsPage } from './pages/flows-page';
import { GeneratorPage } from './pages/generator-page';
import { InboxPage } from './pages/inbox-page';
import { LoginPage } from './pages/login-page';
import { SettingsPage } from './pages/settings-page';
import type { CurrentUser } from './types';
import { useHashRoute } from './use-hash-route';

/** The console: the login page until someone is logged in, then the page the URL names. */
export function App() {
  const [user, setUser] = useState<CurrentUser | null | undefined>(undefined);
  const route = useHashRoute();

  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    api<{ user: CurrentUser }>('/api/auth/me')
      .then(({ user }) => setUser(user))
      .catch(() => setUser(null));
  }, []);

  if (user === undefined) return <main class="container" aria-busy="true" />;
  if (user === null) return <LoginPage onLoggedIn={setUser} />;

  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setUser(null);
  };
  const [section = 'flows', id, view] = route;
  return (
    <Layout user={user} section={section} onLogout={logout}>
      {section === 'flows' && !id && <FlowsPage />}
      {section === 'flows' && id && !view && <FlowEditorPage key={id} flowId={id} />}
      {section === 'flows' && id && view === 'analytics' && <FlowAnalyticsPage key={id} flowId={id} />}
      {section === 'generate' && <GeneratorPage />}
      {section === 'inbox' && <InboxPage key={id ?? ''} conversationId={id} />}
      {section === 'settings' && <SettingsPage />}
      {section === 'admin' && user.role === 'admin' && <AdminPage currentUserId={user.id} />}
    </Layout>
  );
}
