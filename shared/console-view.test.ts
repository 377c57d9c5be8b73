// Unit tests for the console's view of the live state: a whole state replaces it, a delta patches what changed and
// the roll-call's unconfirmed lists follow the rows.
import { describe, expect, it } from 'vitest';
import { applyConsoleMessage } from './console-view.ts';
import { DEFAULT_PRIORITY } from './modes.ts';
import type { ActiveMode } from './model.ts';
import type { HubState, ScreenStatus, StateDelta } from './protocol.ts';

const lockdown: ActiveMode = { mode: 'lockdown', scope: { kind: 'site' }, drill: false, seq: 4, startedAt: '2026-11-22T10:00:00.000Z', by: 'office' };

function row(id: string, fields: Partial<ScreenStatus> = {}): ScreenStatus {
  return {
    id,
    name: `Screen ${id}`,
    location: `By ${id}`,
    buildingId: 'main',
    floorId: 'main-1',
    zoneId: null,
    online: true,
    lastSeenAt: '2026-11-22T09:00:00.000Z',
    build: 'b1',
    appStartedAt: null,
    contentRevision: 1,
    sound: 'ok',
    lastReceipt: { seq: 3, activeSeq: 0, mode: 'normal', drill: false, at: '2026-11-22T09:00:00.000Z' },
    expected: { activeSeq: 0, mode: 'normal', drill: false, since: 1 },
    confirmed: true,
    confirmedAfterMs: 20,
    ...fields,
  };
}

const normal: HubState = {
  seq: 3,
  modes: [],
  priority: [...DEFAULT_PRIORITY],
  hazards: { areaIds: [], blockedPoiIds: [] },
  screens: [row('a'), row('b'), row('c', { online: false })],
  rollCall: [{ activeSeq: 0, mode: 'normal', drill: false, scope: null, since: null, expected: 3, confirmed: 3, slowestMs: 20, unconfirmed: [] }],
};

const lockdownCounts = { activeSeq: 4, mode: 'lockdown', drill: false, scope: { kind: 'site' }, since: lockdown.startedAt, expected: 3 } as const;

/** The lockdown starts: every screen must now show it, and none has painted it. */
const lockdownStarts: StateDelta = {
  type: 'state-delta',
  seq: 4,
  modes: [lockdown],
  priority: [...DEFAULT_PRIORITY],
  hazards: { areaIds: [], blockedPoiIds: [] },
  rollCall: [{ ...lockdownCounts, confirmed: 0, slowestMs: null }],
  expected: [{ activeSeq: 4, mode: 'lockdown', drill: false, since: 4, screenIds: ['a', 'b', 'c'] }],
  receipts: [],
  screens: [],
};

describe('applyConsoleMessage', () => {
  it('takes a whole state as it is', () => {
    expect(applyConsoleMessage(null, { type: 'state', state: normal })).toBe(normal);
    const later = { ...normal, seq: 9 };
    expect(applyConsoleMessage(normal, { type: 'state', state: later })).toBe(later);
  });

  it('has nothing to patch before the first whole state, and ignores messages that are not about it', () => {
    expect(applyConsoleMessage(null, lockdownStarts)).toBeNull();
    expect(applyConsoleMessage(normal, { type: 'pong', t: 1 })).toBe(normal);
    expect(applyConsoleMessage(normal, { type: 'site-changed', version: 'v2' })).toBe(normal);
  });

  it('re-points the screens of an expectation group as not yet confirmed, keeping the rest of their rows', () => {
    const view = applyConsoleMessage(normal, lockdownStarts)!;
    expect(view.seq).toBe(4);
    expect(view.modes).toEqual([lockdown]);
    expect(view.screens.map((s) => s.expected.activeSeq)).toEqual([4, 4, 4]);
    expect(view.screens.every((s) => !s.confirmed && s.confirmedAfterMs === null)).toBe(true);
    expect(view.screens[2]).toMatchObject({ name: 'Screen c', online: false, lastReceipt: normal.screens[2]!.lastReceipt });
    expect(view.rollCall).toEqual([{ ...lockdownCounts, confirmed: 0, slowestMs: null, unconfirmed: ['a', 'b', 'c'] }]);
    // The view it started from is left alone (Preact compares by reference).
    expect(normal.screens[0]!.confirmed).toBe(true);
  });

  it('patches the rows of screens that changed, and lists the unconfirmed ones in the site’s order', () => {
    const started = applyConsoleMessage(normal, lockdownStarts)!;
    const bPainted: StateDelta = {
      ...lockdownStarts,
      expected: [],
      rollCall: [{ ...lockdownCounts, confirmed: 1, slowestMs: 40 }],
      screens: [
        {
          ...row('b'),
          lastReceipt: { seq: 4, activeSeq: 4, mode: 'lockdown', drill: false, at: '2026-11-22T10:00:00.040Z' },
          expected: { activeSeq: 4, mode: 'lockdown', drill: false, since: 4 },
          confirmed: true,
          confirmedAfterMs: 40,
        },
      ],
    };
    const view = applyConsoleMessage(started, bPainted)!;
    expect(view.screens.map((s) => s.confirmed)).toEqual([false, true, false]);
    expect(view.screens[1]).toMatchObject({ name: 'Screen b', confirmedAfterMs: 40 });
    expect(view.rollCall[0]).toMatchObject({ confirmed: 1, slowestMs: 40, unconfirmed: ['a', 'c'] });
  });

  it('takes a screen’s new receipt from its group: what it painted, when, and whether that confirms it', () => {
    const started = applyConsoleMessage(normal, lockdownStarts)!;
    const painted: StateDelta = {
      ...lockdownStarts,
      expected: [],
      rollCall: [{ ...lockdownCounts, confirmed: 1, slowestMs: 40 }],
      receipts: [{ seq: 4, activeSeq: 4, mode: 'lockdown', drill: false, screens: [['c', Date.parse('2026-11-22T10:00:00.040Z'), true, 40]] }],
    };
    const view = applyConsoleMessage(started, painted)!;
    expect(view.screens[2]).toEqual({
      ...started.screens[2],
      lastReceipt: { seq: 4, activeSeq: 4, mode: 'lockdown', drill: false, at: '2026-11-22T10:00:00.040Z' },
      lastSeenAt: '2026-11-22T10:00:00.040Z',
      confirmed: true,
      confirmedAfterMs: 40,
    });
    expect(view.rollCall[0]?.unconfirmed).toEqual(['a', 'b']);
  });

  it('skips a row for a screen it does not know (the next whole state brings it)', () => {
    const view = applyConsoleMessage(normal, { ...lockdownStarts, expected: [], screens: [{ ...row('zz') }] })!;
    expect(view.screens.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});
