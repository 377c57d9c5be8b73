// Who this screen is: the screen id and device token it got when it was paired, kept in local storage so a
// reboot needs nothing typed. A kiosk URL may carry both (/screen/?id=gym#token=…): the token is in the
// fragment, which browsers never send to the server, and is taken out of the address bar once stored.
export interface ScreenIdentity {
  screenId: string;
  token: string;
}

const KEY = 'muster.screen-identity';

export function loadIdentity(): ScreenIdentity | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<ScreenIdentity> | null;
    return typeof value?.screenId === 'string' && typeof value.token === 'string' ? { screenId: value.screenId, token: value.token } : null;
  } catch {
    return null;
  }
}

export function saveIdentity(identity: ScreenIdentity): void {
  localStorage.setItem(KEY, JSON.stringify(identity));
}

export function clearIdentity(): void {
  localStorage.removeItem(KEY);
}

/** The identity this page should use: from its address when it names one, else the stored one; null to pair. */
export function resolveIdentity(location: Location = window.location, history: History = window.history): ScreenIdentity | null {
  const screenId = new URLSearchParams(location.search).get('id')?.trim() || null;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (screenId && token) {
    saveIdentity({ screenId, token });
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  }
  const stored = loadIdentity();
  if (!stored || (screenId !== null && stored.screenId !== screenId)) return null;
  return stored;
}
