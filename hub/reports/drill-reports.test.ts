import { describe, expect, it } from 'vitest';
import { loadSiteFile } from '../store/seed.ts';
import type { AuditEntry } from '../store/audit-log.ts';
import { modeChanges } from './drill-reports.ts';

const site = loadSiteFile('config/demo-school.json');
const base = { who: 'office', role: 'office' as const, from: '10.0.0.5' };
let minute = 0;
const at = () => new Date(Date.UTC(2026, 10, 22, 14, minute++)).toISOString();
const set = (seq: number, scope: AuditEntry['scope'], drill: boolean): AuditEntry => ({ ...base, at: at(), action: 'mode.set', seq, mode: 'hold', scope, drill });
const clear = (seq: number, scope: AuditEntry['scope'], drill: boolean): AuditEntry => ({ ...base, at: at(), action: 'mode.all-clear', seq, mode: 'normal', scope, drill });

async function* entries(list: AuditEntry[]) {
  yield* list;
}

describe('mode changes from the audit log', () => {
  it('end at the first covering All Clear, a drill All Clear ending only drills', async () => {
    const changes = await modeChanges(
      entries([
        set(1, { kind: 'building', buildingId: 'annex' }, false),
        set(2, { kind: 'zone', zoneId: 'gym' }, true),
        { ...base, at: at(), action: 'session.login' },
        clear(3, { kind: 'building', buildingId: 'annex' }, true), // covers neither the real annex event nor the gym
        clear(4, { kind: 'site' }, true), // ends the gym drill only
        clear(5, { kind: 'building', buildingId: 'annex' }, false),
      ]),
      site,
    );
    expect(changes.map((c) => [c.seq, c.end?.kind, c.end?.seq])).toEqual([
      [1, 'all-clear', 5],
      [2, 'all-clear', 4],
    ]);
    expect(changes[1]!.scopeName).toBe('Gym (Main Building)');
  });

  it('end when a later mode is set on exactly the same scope, and stay open while active', async () => {
    const changes = await modeChanges(
      entries([set(1, { kind: 'zone', zoneId: 'gym' }, true), set(2, { kind: 'building', buildingId: 'main' }, true), set(3, { kind: 'zone', zoneId: 'gym' }, true)]),
      site,
    );
    expect(changes.map((c) => [c.seq, c.end?.kind ?? null, c.end?.seq ?? null])).toEqual([
      [1, 'replaced', 3],
      [2, null, null],
      [3, null, null],
    ]);
  });

  it('follow sequence numbers, not the order the lines landed in', async () => {
    const changes = await modeChanges(entries([clear(2, { kind: 'site' }, false), set(1, { kind: 'site' }, false)]), site);
    expect(changes.map((c) => [c.seq, c.end?.seq])).toEqual([[1, 2]]);
  });
});
