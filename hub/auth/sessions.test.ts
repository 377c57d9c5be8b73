import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/model.ts';
import type { JsonDocument } from '../store/json-document.ts';
import type { SessionActivity } from '../store/session-activity.ts';
import type { MainData, Store } from '../store/store.ts';
import { Sessions } from './sessions.ts';

const HOUR = 3600_000;

/** Just the users and sessions the session code reads and writes; every write lands at once. */
function memoryStore(roles: Record<string, Role>): Store {
  const data = {
    users: Object.entries(roles).map(([username, role]) => ({ username, role, passwordHash: 'x', disabled: false, createdAt: '2026-01-01T00:00:00Z' })),
    sessions: [],
  } as unknown as MainData;
  return { data, update: async (mutate: (draft: MainData) => unknown) => mutate(data) } as unknown as Store;
}

describe('sessions', () => {
  it('last a school day for the office and the longer maximum for other roles, and say when they end', async () => {
    let now = Date.parse('2026-11-23T07:00:00Z');
    const sessions = new Sessions(memoryStore({ office: 'office', admin: 'admin' }), {
      idleMs: 12 * HOUR,
      maxAgeMs: 168 * HOUR,
      maxAgeByRole: { office: 14 * HOUR },
      now: () => now,
    });
    const office = await sessions.create({ username: 'office', role: 'office' });
    const admin = await sessions.create({ username: 'admin', role: 'admin' });
    expect(office.expiresAt).toBe(now + 14 * HOUR);
    expect(office.maxAgeMs).toBe(14 * HOUR);
    expect(sessions.describe(office.id)?.expiresAt).toBe(office.expiresAt);
    expect(admin.expiresAt).toBe(now + 168 * HOUR);

    // Used all day, the office's session still ends at its school day's end; the admin's goes on.
    for (let hour = 1; hour <= 14; hour++) {
      now += HOUR;
      expect(sessions.resolve(office.id), `hour ${hour}`).toEqual({ username: 'office', role: 'office' });
      expect(sessions.resolve(admin.id)).not.toBeNull();
    }
    now += 1;
    expect(sessions.resolve(office.id)).toBeNull();
    expect(sessions.resolve(admin.id)).toEqual({ username: 'admin', role: 'admin' });
  });

  it('end after the idle time without a request, and every request (a console’s touch) keeps them alive', async () => {
    let now = 0;
    const sessions = new Sessions(memoryStore({ office: 'office' }), { idleMs: 10 * 60_000, maxAgeMs: 48 * HOUR, now: () => now });
    const touched = await sessions.create({ username: 'office', role: 'office' });
    const left = await sessions.create({ username: 'office', role: 'office' });
    for (let minute = 5; minute <= 60; minute += 5) {
      now = minute * 60_000;
      expect(sessions.resolve(touched.id), `minute ${minute}`).not.toBeNull();
    }
    expect(sessions.resolve(left.id)).toBeNull();
  });

  it('are dropped from the store by the next login once they have run out, by idleness or by age', async () => {
    let now = 0;
    const store = memoryStore({ office: 'office', admin: 'admin' });
    const sessions = new Sessions(store, { idleMs: HOUR, maxAgeMs: 4 * HOUR, now: () => now });
    const idle = await sessions.create({ username: 'admin', role: 'admin' });
    const busy = await sessions.create({ username: 'office', role: 'office' });
    for (let minute = 30; minute <= 3 * 60; minute += 30) {
      now = minute * 60_000;
      sessions.resolve(busy.id);
    }
    await sessions.create({ username: 'admin', role: 'admin' });
    expect(store.data.sessions).toHaveLength(2);
    expect(sessions.resolve(idle.id)).toBeNull();
    now = 4 * HOUR + 1; // the busy one is past its maximum age, the admin's from hour 3 idle for over an hour
    await sessions.create({ username: 'admin', role: 'admin' });
    expect(store.data.sessions).toHaveLength(1);
  });

  it('end at once for every device of a user, and refuse timeouts that are not positive', async () => {
    const store = memoryStore({ office: 'office', admin: 'admin' });
    const sessions = new Sessions(store, { idleMs: HOUR, maxAgeMs: HOUR });
    const a = await sessions.create({ username: 'office', role: 'office' });
    const b = await sessions.create({ username: 'office', role: 'office' });
    const other = await sessions.create({ username: 'admin', role: 'admin' });
    await sessions.destroyAllOf('office');
    expect([sessions.resolve(a.id), sessions.resolve(b.id)]).toEqual([null, null]);
    expect(sessions.resolve(other.id)).not.toBeNull();
    expect(() => new Sessions(store, { idleMs: HOUR, maxAgeMs: HOUR, maxAgeByRole: { office: 0 } })).toThrow(/positive/);
  });

  it('keep their last activity across a restart: an idle session stays ended, a busy one goes on', async () => {
    const store = memoryStore({ office: 'office', admin: 'admin' });
    let saved: SessionActivity = {};
    const activity = {
      get data() {
        return saved;
      },
      update: async (mutate: (draft: SessionActivity) => void) => {
        const draft = structuredClone(saved);
        mutate(draft);
        saved = draft;
      },
    } as JsonDocument<SessionActivity>;
    let now = Date.parse('2026-11-23T07:00:00Z');
    const options = { idleMs: HOUR, maxAgeMs: 48 * HOUR, now: () => now, activity };
    const before = new Sessions(store, options);
    const idle = await before.create({ username: 'admin', role: 'admin' });
    const busy = await before.create({ username: 'office', role: 'office' });
    now += 50 * 60_000;
    expect(before.resolve(busy.id)).not.toBeNull();
    await before.close();

    // Restarted 20 minutes later: the idle session's hour is over, the busy one has 40 minutes left.
    now += 20 * 60_000;
    const after = new Sessions(store, options);
    expect(after.resolve(idle.id)).toBeNull();
    expect(after.resolve(busy.id)).toEqual({ username: 'office', role: 'office' });
    await after.close();
    // Only sessions that still exist are kept.
    await after.destroy(idle.id);
    after.resolve(busy.id);
    await after.close();
    expect(Object.keys(saved)).toHaveLength(1);
  });
});
