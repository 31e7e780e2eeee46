import { useEffect, useState, type FormEvent } from 'react';
import { beginOidcSignIn, completeOidcSignIn, isOidcCallback } from '../oidc.ts';
import { developmentSignIn, saveSession, type ConsoleSettings, type Session } from '../session.ts';

const roleLabels: Record<string, string> = {
  admin: 'Administrator', steward: 'Data steward', agent: 'Service agent', marketer: 'Marketer', auditor: 'Auditor', privacy_officer: 'Privacy officer',
};

export function SignIn({ settings, onSignedIn }: { settings: ConsoleSettings; onSignedIn: (s: Session) => void }) {
  const [role, setRole] = useState('agent');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const done = (session: Session) => {
    saveSession(session);
    onSignedIn(session);
  };

  useEffect(() => {
    if (settings.signIn === 'oidc' && isOidcCallback()) {
      setBusy(true);
      completeOidcSignIn(settings).then(done, (e: Error) => {
        setError(e.message);
        setBusy(false);
      });
    }
  }, [settings]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (settings.signIn === 'oidc') await beginOidcSignIn(settings);
      else done(await developmentSignIn(role, name));
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>Identity graph console</h1>
      {settings.signIn === 'none' ? (
        <p role="alert">Sign-in is not configured: set CONSOLE_OIDC_CLIENT_ID and AUTH_ISSUER (docs/console.md).</p>
      ) : (
        <form onSubmit={submit} aria-describedby="sign-in-note">
          {settings.signIn === 'development' ? (
            <>
              <p id="sign-in-note">Development sign-in: pick a role and a name. The API mints a development token, as <code>npm run cli -- token</code> does.</p>
              <label>
                Role
                <select value={role} onChange={(e) => setRole(e.target.value)}>
                  {settings.roles.map((r) => <option key={r} value={r}>{roleLabels[r] ?? r}</option>)}
                </select>
              </label>
              <label>
                Name
                <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} pattern="[\w.@\-]+" autoComplete="username" />
              </label>
            </>
          ) : (
            <p id="sign-in-note">You sign in with your organisation's identity provider.</p>
          )}
          <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
          {error && <p role="alert" className="error">{error}</p>}
        </form>
      )}
    </main>
  );
}
