// A Preact hook for who is logged in: asks the hub once on load, then follows logins and logouts.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, call } from './api-client.ts';
import type { LoggedInUser } from './login-form.tsx';

export type SessionState = { kind: 'checking' } | { kind: 'anonymous' } | { kind: 'user'; user: LoggedInUser };

export function useSession() {
  const [session, setSession] = useState<SessionState>({ kind: 'checking' });

  useEffect(() => {
    call(api.session.$get()).then(
      (body) => setSession({ kind: 'user', user: body.user }),
      () => setSession({ kind: 'anonymous' }),
    );
  }, []);

  const loggedIn = useCallback((user: LoggedInUser) => setSession({ kind: 'user', user }), []);
  const logOut = useCallback(async () => {
    await call(api.session.$delete()).catch(() => undefined);
    setSession({ kind: 'anonymous' });
  }, []);
  const expired = useCallback(() => setSession({ kind: 'anonymous' }), []);
  return { session, loggedIn, logOut, expired };
}
