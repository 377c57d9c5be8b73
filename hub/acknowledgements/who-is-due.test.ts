import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../shared/acknowledgements.ts';
import { peopleDue, Readings, standingsByPerson, standingsByProcedure } from './who-is-due.ts';

const lockdown: Procedure = { key: 'mode:lockdown', kind: 'mode', mode: 'lockdown', title: 'Lockdown: staff steps', directive: 'Locks, lights, out of sight.', steps: ['Lock the door.'], version: 'v2v2v2v2v2v2v2v2', updatedAt: '2026-11-20T08:00:00.000Z' };
const hold: Procedure = { key: 'mode:hold', kind: 'mode', mode: 'hold', title: 'Hold: staff steps', directive: 'In your room.', steps: [], version: 'h1h1h1h1h1h1h1h1', updatedAt: null };

const users = [
  { username: 'pat', role: 'staff' as const, disabled: false },
  { username: 'ann', role: 'staff' as const, disabled: false },
  { username: 'gone', role: 'staff' as const, disabled: true },
  { username: 'office', role: 'office' as const, disabled: false },
  { username: 'frontdesk', role: 'office' as const, disabled: false },
  { username: 'admin', role: 'admin' as const, disabled: false },
];

describe('who procedures are asked of', () => {
  it('every enabled staff account, and another account once it has acknowledged something; sorted by name', () => {
    expect(peopleDue(users, new Set(['frontdesk', 'gone']))).toEqual([
      { username: 'ann', role: 'staff' },
      { username: 'frontdesk', role: 'office' },
      { username: 'pat', role: 'staff' },
    ]);
  });
});

describe('who has read what', () => {
  const people = peopleDue(users, new Set());
  const readings = new Readings([
    { username: 'pat', procedure: 'mode:lockdown', version: 'v1v1v1v1v1v1v1v1', at: '2026-11-02T08:00:00.000Z' },
    { username: 'ann', procedure: 'mode:lockdown', version: 'v1v1v1v1v1v1v1v1', at: '2026-11-02T09:00:00.000Z' },
    // Ann read the new version later: her latest counts, whatever the order in the file.
    { username: 'ann', procedure: 'mode:lockdown', version: 'v2v2v2v2v2v2v2v2', at: '2026-11-21T09:00:00.000Z' },
    { username: 'ann', procedure: 'mode:hold', version: 'h1h1h1h1h1h1h1h1', at: '2026-11-21T09:01:00.000Z' },
  ]);

  it('a reading of the current version is current, of an earlier one older, and none never', () => {
    expect(readings.of('ann', lockdown)).toEqual({ status: 'current', acknowledged: { version: 'v2v2v2v2v2v2v2v2', at: '2026-11-21T09:00:00.000Z' } });
    expect(readings.of('pat', lockdown)).toEqual({ status: 'older', acknowledged: { version: 'v1v1v1v1v1v1v1v1', at: '2026-11-02T08:00:00.000Z' } });
    expect(readings.of('pat', hold)).toEqual({ status: 'never', acknowledged: null });
  });

  it('keeps the latest reading even when an older one comes later in the file', () => {
    const shuffled = new Readings([
      { username: 'ann', procedure: 'mode:lockdown', version: 'v2v2v2v2v2v2v2v2', at: '2026-11-21T09:00:00.000Z' },
      { username: 'ann', procedure: 'mode:lockdown', version: 'v1v1v1v1v1v1v1v1', at: '2026-11-02T09:00:00.000Z' },
    ]);
    expect(shuffled.of('ann', lockdown).status).toBe('current');
  });

  it('per procedure: who read the current version, who an older one, who never', () => {
    const [forLockdown, forHold] = standingsByProcedure([lockdown, hold], people, readings);
    expect(forLockdown!.current.map((p) => p.username)).toEqual(['ann']);
    expect(forLockdown!.older.map((p) => p.username)).toEqual(['pat']);
    expect(forLockdown!.older[0]!.version).toBe('v1v1v1v1v1v1v1v1');
    expect(forLockdown!.never).toEqual([]);
    expect(forHold!.current.map((p) => p.username)).toEqual(['ann']);
    expect(forHold!.never).toEqual([{ username: 'pat', role: 'staff' }]);
  });

  it('per person: each required procedure with its status', () => {
    const [ann, pat] = standingsByPerson([lockdown, hold], people, readings);
    expect(ann!.readings.map((r) => [r.procedure, r.status])).toEqual([
      ['mode:lockdown', 'current'],
      ['mode:hold', 'current'],
    ]);
    expect(pat!.readings.map((r) => [r.procedure, r.status])).toEqual([
      ['mode:lockdown', 'older'],
      ['mode:hold', 'never'],
    ]);
  });
});
