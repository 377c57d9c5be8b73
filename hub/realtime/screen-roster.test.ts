// Unit tests for the screen roster: screens found by id as the site changes, what each must show, and console deltas
// whose size follows the screens that changed, not the school.
import { describe, expect, it } from 'vitest';
import { applyConsoleMessage } from '../../shared/console-view.ts';
import { DEFAULT_PRIORITY } from '../../shared/modes.ts';
import { NO_HAZARDS, type ModeState, type Site } from '../../shared/model.ts';
import { encode } from '../../shared/protocol.ts';
import { smallSchool } from '../../test/helpers/small-school.ts';
import { ScreenRoster } from './screen-roster.ts';
import { recordReceipt } from './screen-status.ts';

function rosterOf(site: Site, state: ModeState = { seq: 0, modes: [], hazards: NO_HAZARDS }) {
  const school = { site, state };
  const roster = new ScreenRoster(() => school.site, () => school.state, DEFAULT_PRIORITY);
  roster.takeChanges();
  return { school, roster };
}

function lockdownOf(zoneId: string | null, seq: number): ModeState {
  const scope = zoneId ? { kind: 'zone' as const, zoneId } : { kind: 'site' as const };
  return { seq, modes: [{ mode: 'lockdown', scope, drill: false, seq, startedAt: new Date(0).toISOString(), by: 'office' }], hazards: NO_HAZARDS };
}

const bytes = (message: unknown) => Buffer.byteLength(encode(message as never));

describe('ScreenRoster', () => {
  it('finds a screen by id, and follows the site when it changes', () => {
    const { school, roster } = rosterOf(smallSchool(3));
    expect(roster.find('screen-00002')?.screen.name).toBe('Screen 2');
    expect(roster.find('screen-00004')).toBeUndefined();
    school.site = smallSchool(4);
    roster.sync();
    expect(roster.find('screen-00004')?.runtime.online).toBe(false);
    expect(roster.takeChanges().site).toBe(true);
    // A site written without sync() (a new object from the store) is still followed.
    school.site = { ...smallSchool(5) };
    expect(roster.find('screen-00005')).toBeDefined();
  });

  it('points each screen at what it must show, and notes the ones a change re-pointed', () => {
    const { school, roster } = rosterOf(smallSchool(10), { seq: 1, modes: [], hazards: NO_HAZARDS });
    school.state = lockdownOf('east', 2);
    roster.expect(school.state);
    const east = smallSchool(10).screens.filter((s) => s.zoneId === 'east').map((s) => s.id);
    expect([...roster.takeChanges().expectations]).toEqual(east);
    expect(roster.runtime(east[0]!)).toMatchObject({ expectedActiveSeq: 2, expectedMode: 'lockdown', expectedSince: 2 });
    expect(roster.runtime('screen-00010')).toMatchObject({ expectedActiveSeq: 0, expectedMode: 'normal', expectedSince: 1 });
    roster.expect(school.state);
    expect(roster.takeChanges().expectations.size).toBe(0);
  });

  it('sends one changed screen at a thousand as a delta of a few hundred bytes, and the delta folds into the state', () => {
    const { school, roster } = rosterOf(smallSchool(1000));
    const before = roster.state();
    school.state = lockdownOf(null, 1);
    roster.changed(1, 1000);
    roster.expect(school.state);
    const started = roster.delta(roster.takeChanges());
    // A thousand re-pointed screens: their ids, not their rows.
    expect(started.expected[0]!.screenIds).toHaveLength(1000);
    expect(bytes(started)).toBeLessThan(20 * 1000);

    const runtime = roster.runtime('screen-00500')!;
    recordReceipt(runtime, { seq: 1, activeSeq: 1, mode: 'lockdown', drill: false }, 1040);
    roster.receipted('screen-00500');
    const painted = roster.delta(roster.takeChanges());
    const whole = roster.state();
    expect(painted.receipts[0]?.screens.map(([id]) => id)).toEqual(['screen-00500']);
    expect(bytes(painted)).toBeLessThan(1000);
    expect(bytes({ type: 'state', state: whole })).toBeGreaterThan(300_000);

    const folded = [started, painted].reduce(applyConsoleMessage, before);
    expect(folded).toEqual(whole);
    expect(folded?.rollCall[0]).toMatchObject({ mode: 'lockdown', expected: 1000, confirmed: 1, slowestMs: 40 });
  });

  it('sends the receipts of a thousand screens in a few dozen bytes each', () => {
    const { school, roster } = rosterOf(smallSchool(1000));
    school.state = lockdownOf(null, 1);
    roster.changed(1, 1000);
    roster.expect(school.state);
    const before = applyConsoleMessage(roster.state(), roster.delta(roster.takeChanges()));
    for (const screen of school.site.screens) {
      recordReceipt(roster.runtime(screen.id)!, { seq: 1, activeSeq: 1, mode: 'lockdown', drill: false }, 1000 + Number(screen.id.slice(-3)));
      roster.receipted(screen.id);
    }
    const painted = roster.delta(roster.takeChanges());
    expect(bytes(painted)).toBeLessThan(50 * 1000);
    expect(applyConsoleMessage(before, painted)).toEqual(roster.state());
  });

  it('sends a re-pointed screen that already shows its new mode as a whole row', () => {
    const { school, roster } = rosterOf(smallSchool(2));
    const base = roster.state();
    // The screen painted seq 1's lockdown before the hub re-pointed it (a site change moved it into the zone).
    recordReceipt(roster.runtime('screen-00001')!, { seq: 1, activeSeq: 1, mode: 'lockdown', drill: false }, 5);
    school.state = lockdownOf(null, 1);
    roster.expect(school.state);
    const delta = roster.delta(roster.takeChanges());
    expect(delta.screens.map((s) => s.id)).toEqual(['screen-00001']);
    expect(delta.expected[0]!.screenIds).toEqual(['screen-00002']);
    expect(applyConsoleMessage(base, delta)).toEqual(roster.state());
  });
});
