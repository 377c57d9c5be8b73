// Who this screen is: the screen id and device token it got when it was paired, kept in local storage so a
// reboot needs nothing typed. One browser profile may drive several screens (a mini PC with two or three
// displays, several kiosk windows), so each screen id keeps its own identity, as it keeps its own last state.
// A kiosk URL may carry both (/screen/?id=gym#token=…): the token is in the fragment, which browsers never send
// to the server, and is taken out of the address bar once stored.
export interface ScreenIdentity {
  screenId: string;
  token: string;
}

/** The address parts that name a screen; `window.location` in the page. */
export type ScreenAddress = Pick<Location, 'pathname' | 'search' | 'hash'>;

const PREFIX = 'muster:identity:';
/** Before one profile could hold several screens: the one identity of the profile. */
const LEGACY_KEY = 'muster.screen-identity';

function parse(raw: string | null): ScreenIdentity | null {
  try {
    const value = JSON.parse(raw ?? 'null') as Partial<ScreenIdentity> | null;
    return typeof value?.screenId === 'string' && value.screenId !== '' && typeof value.token === 'string' && value.token !== ''
      ? { screenId: value.screenId, token: value.token }
      : null;
  } catch {
    return null;
  }
}

export function loadIdentity(screenId: string, storage: Storage = localStorage): ScreenIdentity | null {
  const identity = parse(storage.getItem(PREFIX + screenId));
  return identity?.screenId === screenId ? identity : null;
}

export function saveIdentity(identity: ScreenIdentity, storage: Storage = localStorage): void {
  storage.setItem(PREFIX + identity.screenId, JSON.stringify(identity));
}

/** Forget one screen's identity; the other screens of the profile keep theirs. */
export function clearIdentity(screenId: string, storage: Storage = localStorage): void {
  storage.removeItem(PREFIX + screenId);
}

/** The ids of every screen this profile holds an identity for. */
export function storedScreenIds(storage: Storage = localStorage): string[] {
  const ids: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX) && loadIdentity(key.slice(PREFIX.length), storage)) ids.push(key.slice(PREFIX.length));
  }
  return ids.sort();
}

/** A kiosk paired before identities were kept per screen keeps its identity (idempotent: tabs may race here). */
export function migrateLegacyIdentity(storage: Storage = localStorage): void {
  const legacy = parse(storage.getItem(LEGACY_KEY));
  if (legacy && !loadIdentity(legacy.screenId, storage)) saveIdentity(legacy, storage);
  storage.removeItem(LEGACY_KEY);
}

/**
 * The identity this page should use, or null to pair. `/screen/?id=X` is screen X (with the token from its
 * fragment, if any, stored first); `/screen/` with no id is the one screen this profile holds, when it holds
 * exactly one (kiosks set up with the old address), and a new screen to pair otherwise. `replaceAddress` is
 * given the address a reload should keep: without the token, and with the id when it was not in it.
 */
export function resolveIdentity(address: ScreenAddress, replaceAddress: (url: string) => void, storage: Storage = localStorage): ScreenIdentity | null {
  migrateLegacyIdentity(storage);
  const screenId = new URLSearchParams(address.search).get('id')?.trim() || null;
  if (screenId === null) {
    const ids = storedScreenIds(storage);
    if (ids.length !== 1) return null;
    const only = loadIdentity(ids[0]!, storage)!;
    // From now on the address names the screen, so a second screen paired in this profile cannot change who it is.
    replaceAddress(`${address.pathname}?id=${encodeURIComponent(only.screenId)}`);
    return only;
  }
  const token = new URLSearchParams(address.hash.slice(1)).get('token');
  if (token) {
    saveIdentity({ screenId, token }, storage);
    replaceAddress(`${address.pathname}${address.search}`);
  }
  return loadIdentity(screenId, storage);
}
