import { describe, expect, it } from 'vitest';
import { effectiveModeFor } from '../../shared/modes.ts';
import { NO_HAZARDS, type ActiveMode } from '../../shared/model.ts';
import { loadSiteFile } from '../store/seed.ts';
import { buildHubState } from './roll-call.ts';
import { newScreenRuntime, recordReceipt, setExpected, type ScreenRuntime } from './screen-status.ts';

const site = loadSiteFile('config/demo-school.json');
const lockdown: ActiveMode = { seq: 3, mode: 'lockdown', scope: { kind: 'building', buildingId: 'main' }, drill: true, startedAt: '2026-11-22T10:00:00.000Z', by: 'office' };

function runtimesFor(modes: ActiveMode[], seq: number) {
  const runtimes = new Map<string, ScreenRuntime>();
  for (const screen of site.screens) {
    const runtime = newScreenRuntime();
    setExpected(runtime, effectiveModeFor(screen, modes), seq);
    runtimes.set(screen.id, runtime);
  }
  return runtimes;
}

describe('roll-call', () => {
  it('counts a screen only when its receipt shows what it must show', () => {
    const runtimes = runtimesFor([lockdown], 3);
    const changeTimes = new Map([[3, Date.parse(lockdown.startedAt)]]);
    recordReceipt(runtimes.get('gym')!, { seq: 3, activeSeq: 3, mode: 'lockdown', drill: true }, Date.parse(lockdown.startedAt) + 40);
    recordReceipt(runtimes.get('cafeteria')!, { seq: 2, activeSeq: 0, mode: 'normal', drill: false }, Date.parse(lockdown.startedAt) + 5);
    recordReceipt(runtimes.get('annex-hall')!, { seq: 3, activeSeq: 0, mode: 'normal', drill: false }, Date.parse(lockdown.startedAt) + 9);
    const state = buildHubState(site, { seq: 3, modes: [lockdown], hazards: NO_HAZARDS }, ['lockdown', 'normal'], runtimes, changeTimes);
    const entry = state.rollCall.find((e) => e.mode === 'lockdown')!;
    expect(entry.expected).toBe(7);
    expect(entry.confirmed).toBe(1);
    expect(entry.slowestMs).toBe(40);
    expect(entry.unconfirmed).toContain('cafeteria');
    const normal = state.rollCall.find((e) => e.mode === 'normal')!;
    expect(normal).toMatchObject({ expected: 1, confirmed: 1, unconfirmed: [] });
    expect(state.screens.find((s) => s.id === 'gym')).toMatchObject({ confirmed: true, confirmedAfterMs: 40 });
  });

  it('ignores a receipt older than the last one', () => {
    const runtime = newScreenRuntime();
    recordReceipt(runtime, { seq: 5, activeSeq: 5, mode: 'hold', drill: false }, 100);
    recordReceipt(runtime, { seq: 4, activeSeq: 0, mode: 'normal', drill: false }, 200);
    expect(runtime.lastReceipt).toMatchObject({ seq: 5, activeSeq: 5 });
  });
});
