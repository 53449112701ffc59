// Local sign-in: the function key is sent ONCE, in a header of a POST (never in a URL, so never in
// history or logs); the app answers with an HttpOnly, SameSite=Strict session cookie.
import { useState } from 'preact/hooks';

export function SignInPage({ next }: { next: string }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const safeNext = next.startsWith('/console') && !next.startsWith('//') ? next : '/console';
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch('/console/api/session', { method: 'POST', credentials: 'same-origin', headers: { 'x-functions-key': key.trim() } });
      if (response.status === 204) {
        window.location.assign(safeNext);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { message?: string; error?: { message?: string } };
      setError(response.status === 401 ? 'That is not the function key of this app. Check it and try again.' : (body.message ?? body.error?.message ?? `Sign-in failed (HTTP ${response.status}).`));
    } catch (e) {
      setError(`Sign-in failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>Sign in to the auditflow console</h1>
      <p>
        Paste the app's function key once. <code>npm start</code> prints where it is (the <code>function-key</code> file next to the
        local host's database). The console keeps a session cookie; the key is not stored in the browser.
      </p>
      <form onSubmit={submit}>
        <label for="key">Function key</label>
        <input id="key" name="key" type="password" autoComplete="off" required value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
        <button type="submit" disabled={busy || key.trim() === ''}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      {error ? <p role="alert" class="error">{error}</p> : null}
    </main>
  );
}
