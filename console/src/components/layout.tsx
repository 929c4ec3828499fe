import type { ComponentChildren } from 'preact';
import type { CurrentUser } from '../types';

const SECTIONS = [
  ['flows', 'Flows'],
  ['generate', 'AI generator'],
  ['inbox', 'Inbox'],
  ['settings', 'Settings'],
] as const;

/** The frame of every page once logged in: the navigation bar and the page below it. */
export function Layout(props: {
  user: CurrentUser;
  section: string;
  onLogout: () => void;
  children: ComponentChildren;
}) {
  const sections = props.user.role === 'admin' ? [...SECTIONS, ['admin', 'Admin'] as const] : SECTIONS;
  return (
    <>
      <header class="container-fluid">
        <nav aria-label="Main">
          <ul>
            <li>
              <strong>FlowBot</strong>
            </li>
          </ul>
          <ul class="nav-sections">
            {sections.map(([id, label]) => (
              <li key={id}>
                <a href={`#/${id}`} aria-current={props.section === id ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
            <li>
              <button type="button" class="outline secondary" onClick={props.onLogout}>
                Log out {props.user.username}
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main class="container-fluid">{props.children}</main>
    </>
  );
}
