// The console's shell: a skip link, the navigation, the signed-in user, and the page of the URL.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './styles.css';
import { api } from './lib/api';
import { href, onLinkClick, useLocation } from './lib/router';
import { FindingsPage } from './pages/findings';
import { InstancePage } from './pages/instance';
import { InvestigatePage } from './pages/investigate';
import { OrchestrationsPage } from './pages/orchestrations';
import { OverviewPage } from './pages/overview';
import { SignInPage } from './pages/sign-in';

export interface Session {
  readonly mode: 'session' | 'app-service';
  readonly user: string;
  readonly dashboardUrl?: string;
}

const NAV = [
  { to: '/', label: 'Overview', match: (p: string) => p === '/' },
  { to: '/orchestrations', label: 'Orchestrations', match: (p: string) => p.startsWith('/orchestrations') },
  { to: '/investigate', label: 'Investigate', match: (p: string) => p.startsWith('/investigate') },
  { to: '/findings', label: 'Findings', match: (p: string) => p.startsWith('/findings') },
];

function App() {
  const location = useLocation();
  const [session, setSession] = useState<Session | undefined>();
  const signInPage = location.path === '/sign-in';
  useEffect(() => {
    if (!signInPage) api<Session>('session').then(setSession, () => undefined);
  }, [signInPage]);
  useEffect(() => {
    const page = NAV.find((n) => n.match(location.path))?.label ?? (signInPage ? 'Sign in' : 'Not found');
    document.title = `${page} · auditflow console`;
  }, [location.path, signInPage]);

  if (signInPage) return <SignInPage next={location.query.get('next') ?? '/console'} />;

  const signOut = async () => {
    await api('session', { method: 'DELETE' });
    window.location.assign(session?.mode === 'app-service' ? '/.auth/logout' : '/console/sign-in');
  };
  const segments = location.path.split('/').filter(Boolean);
  let page;
  if (segments.length === 0) page = <OverviewPage />;
  else if (segments[0] === 'orchestrations' && segments.length === 1) page = <OrchestrationsPage location={location} session={session} />;
  else if (segments[0] === 'orchestrations') page = <InstancePage instanceId={decodeURIComponent(segments.slice(1).join('/'))} session={session} />;
  else if (segments[0] === 'investigate') page = <InvestigatePage location={location} />;
  else if (segments[0] === 'findings') page = <FindingsPage location={location} />;
  else page = <section><h1>Not found</h1><p>No console page at {location.path}. Use the navigation above.</p></section>;

  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="top">
        <span class="brand">auditflow console</span>
        <nav aria-label="Console pages">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <a href={href(n.to)} aria-current={n.match(location.path) ? 'page' : undefined} onClick={(e) => onLinkClick(e, n.to)}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="user">
          {session ? <>Signed in: {session.user}</> : null}
          <button type="button" class="link-button" onClick={signOut}>Sign out</button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>{page}</main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
