// The logged-in session for any part of a console: the notice that it ends soon, the forms that renew it or change
// the password, and the dialogs that offer to log in again when a request finds it ended.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SessionControls } from './use-session.ts';

export const SessionContext = createContext<SessionControls | null>(null);

/** Null outside a logged-in console. */
export function useSessionControls(): SessionControls | null {
  return useContext(SessionContext);
}
