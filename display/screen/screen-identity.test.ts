import { describe, expect, it } from 'vitest';
import { clearIdentity, loadIdentity, resolveIdentity, saveIdentity, storedScreenIds, type ScreenAddress } from './screen-identity.ts';

/** localStorage as a browser profile holds it: one per profile, shared by every tab. */
function memoryStorage(entries: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(entries));
  return {
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** Open an address in a tab of the profile: the identity it resolves to and the address a reload would keep. */
function open(url: string, storage: Storage) {
  const parsed = new URL(url, 'http://hub.local');
  const address: ScreenAddress = { pathname: parsed.pathname, search: parsed.search, hash: parsed.hash };
  let kept = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  const identity = resolveIdentity(address, (replacement) => (kept = replacement), storage);
  return { identity, kept };
}

describe('one browser profile, several screens', () => {
  it('keeps each screen link’s identity: three links opened, each reload is still its own screen', () => {
    const storage = memoryStorage();
    for (const id of ['annex-hall', 'gym', 'main-1-east']) {
      const { identity, kept } = open(`/screen/?id=${id}#token=token-of-${id}`, storage);
      expect(identity).toEqual({ screenId: id, token: `token-of-${id}` });
      // The token leaves the address bar once stored; the id stays, so a reload keeps the screen.
      expect(kept).toBe(`/screen/?id=${id}`);
    }
    for (const id of ['annex-hall', 'gym', 'main-1-east']) {
      expect(open(`/screen/?id=${id}`, storage).identity).toEqual({ screenId: id, token: `token-of-${id}` });
    }
    expect(storedScreenIds(storage)).toEqual(['annex-hall', 'gym', 'main-1-east']);
  });

  it('takes a newer token from a link for the same screen', () => {
    const storage = memoryStorage();
    open('/screen/?id=gym#token=old', storage);
    expect(open('/screen/?id=gym#token=new', storage).identity).toEqual({ screenId: 'gym', token: 'new' });
    expect(open('/screen/?id=gym', storage).identity?.token).toBe('new');
  });

  it('pairs a screen named in the address that this profile holds no identity for', () => {
    const storage = memoryStorage();
    open('/screen/?id=gym#token=t', storage);
    expect(open('/screen/?id=cafeteria', storage)).toEqual({ identity: null, kept: '/screen/?id=cafeteria' });
    // An empty token is no token; a blank id is no id (then the profile's only screen, as for /screen/).
    expect(open('/screen/?id=cafeteria#token=', storage).identity).toBeNull();
    expect(open('/screen/?id=%20', storage)).toEqual({ identity: { screenId: 'gym', token: 't' }, kept: '/screen/?id=gym' });
  });
});

describe('/screen/ with no id', () => {
  it('is the one screen of a profile that holds exactly one, and says so in its address from then on', () => {
    const storage = memoryStorage();
    saveIdentity({ screenId: 'gym', token: 't' }, storage);
    expect(open('/screen/', storage)).toEqual({ identity: { screenId: 'gym', token: 't' }, kept: '/screen/?id=gym' });
  });

  it('pairs a new screen when the profile holds none, or several (it cannot tell which one it is)', () => {
    const storage = memoryStorage();
    expect(open('/screen/', storage)).toEqual({ identity: null, kept: '/screen/' });
    saveIdentity({ screenId: 'gym', token: 't1' }, storage);
    saveIdentity({ screenId: 'annex-hall', token: 't2' }, storage);
    expect(open('/screen/', storage)).toEqual({ identity: null, kept: '/screen/' });
    // A token without an id names no screen.
    expect(open('/screen/#token=stray', storage).identity).toBeNull();
  });
});

describe('a kiosk paired before identities were kept per screen', () => {
  const legacy = () => memoryStorage({ 'muster.screen-identity': JSON.stringify({ screenId: 'main-1-east', token: 'kiosk-token' }) });

  it('keeps its identity on its old address and on /screen/?id=…', () => {
    const storage = legacy();
    expect(open('/screen/', storage)).toEqual({ identity: { screenId: 'main-1-east', token: 'kiosk-token' }, kept: '/screen/?id=main-1-east' });
    expect(storage.getItem('muster.screen-identity')).toBeNull();
    expect(open('/screen/?id=main-1-east', legacy()).identity).toEqual({ screenId: 'main-1-east', token: 'kiosk-token' });
  });

  it('does not let the old identity replace a newer one for the same screen', () => {
    const storage = legacy();
    saveIdentity({ screenId: 'main-1-east', token: 'newer' }, storage);
    expect(open('/screen/?id=main-1-east', storage).identity?.token).toBe('newer');
  });

  it('drops an old entry it cannot read', () => {
    const storage = memoryStorage({ 'muster.screen-identity': '{not json' });
    expect(open('/screen/', storage).identity).toBeNull();
    expect(storage.length).toBe(0);
  });
});

describe('unpairing one screen', () => {
  it('forgets that screen only; the others of the profile keep theirs', () => {
    const storage = memoryStorage();
    for (const id of ['annex-hall', 'gym', 'main-1-east']) saveIdentity({ screenId: id, token: `t-${id}` }, storage);
    storage.setItem('muster:screen:gym', '{"version":1}');
    clearIdentity('gym', storage);
    expect(loadIdentity('gym', storage)).toBeNull();
    expect(open('/screen/?id=gym', storage).identity).toBeNull();
    expect(open('/screen/?id=annex-hall', storage).identity?.token).toBe('t-annex-hall');
    expect(storedScreenIds(storage)).toEqual(['annex-hall', 'main-1-east']);
  });

  it('ignores an identity stored under another screen’s key', () => {
    const storage = memoryStorage({ 'muster:identity:gym': JSON.stringify({ screenId: 'annex-hall', token: 't' }) });
    expect(loadIdentity('gym', storage)).toBeNull();
    expect(storedScreenIds(storage)).toEqual([]);
  });
});
