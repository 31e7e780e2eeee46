import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { useQuery } from './api.ts';
import { Failure } from './components/status.tsx';
import { graphql } from './gql/index.ts';
import { pagesFor, type PageId } from './pages.ts';
import { href, useRoute } from './route.ts';
import { clearSession, currentSession, loadSettings, type ConsoleSettings, type Session } from './session.ts';
import { SignIn } from './pages/sign-in.tsx';

// Each page is its own chunk: the graph canvas and the charts load only where they are drawn.
const views: Record<PageId, ComponentType<{ params: string[]; session: Session }>> = {
  agent: lazy(() => import('./pages/agent-desk.tsx')),
  steward: lazy(() => import('./pages/steward-workbench.tsx')),
  graph: lazy(() => import('./pages/identity-graph.tsx')),
  audit: lazy(() => import('./pages/audit-trail.tsx')),
  segments: lazy(() => import('./pages/segments.tsx')),
  privacy: lazy(() => import('./pages/privacy-desk.tsx')),
};

// Who the API says the caller is: its roles decide the pages (the token's claims are only read to label the sign-in).
const MeDocument = graphql(`
  query ConsoleMe {
    me { id roles }
  }
`);

export function App() {
  const [settings, setSettings] = useState<ConsoleSettings | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [session, setSession] = useState<Session | null>(currentSession);
  const route = useRoute();

  useEffect(() => {
    loadSettings().then(setSettings, (e: Error) => setFailure(e.message));
    const onSignedOut = () => setSession(null);
    window.addEventListener('identity-graph:signed-out', onSignedOut);
    return () => window.removeEventListener('identity-graph:signed-out', onSignedOut);
  }, []);

  if (failure) return <p role="alert">The console could not start: {failure}</p>;
  if (!settings) return <p aria-busy="true">Loading…</p>;
  if (!session) return <SignIn settings={settings} onSignedIn={setSession} />;
  return <Shell session={session} route={route} onSignOut={() => { clearSession(); setSession(null); }} />;
}

function Shell({ session, route, onSignOut }: { session: Session; route: ReturnType<typeof useRoute>; onSignOut: () => void }) {
  const me = useQuery(MeDocument, {});
  if (me.error) return <main id="main"><Failure error={me.error} /><button type="button" onClick={onSignOut}>Sign in again</button></main>;
  if (!me.data) return <p aria-busy="true">Loading…</p>;
  const roles = me.data.me.roles;
  const allowed = pagesFor(roles);
  const current = allowed.find((p) => p.id === route.page) ?? allowed[0];
  const View = current ? views[current.id] : null;
  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="bar">
        <span className="brand">Identity graph</span>
        <nav aria-label="Pages">
          <ul>
            {allowed.map((p) => (
              <li key={p.id}>
                <a href={href(p.id)} aria-current={p.id === current?.id ? 'page' : undefined}>{p.title}</a>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who">
          {me.data.me.id} <span className="role">({roles.join(', ') || 'no role'})</span>
          <button type="button" onClick={onSignOut}>Sign out</button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {View && current ? (
          <Suspense fallback={<p aria-busy="true">Loading…</p>}>
            <View key={current.id} params={current.id === route.page ? route.params : []} session={session} />
          </Suspense>
        ) : (
          <p role="alert">Your role has no page in the console. Ask an administrator for a role.</p>
        )}
      </main>
    </div>
  );
}
