import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModeId } from '../../shared/model.ts';
import { NO_HAZARDS } from '../../shared/model.ts';
import { smallSchool } from '../../test/helpers/small-school.ts';
import { ApiError } from '../api-error.ts';
import { BuildingPlans } from '../domain/building-plans.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';
import { createReadinessSweeps, type ReadinessSweepDeps } from './readiness-sweeps.ts';
import { openSweepFile } from './sweep-file.ts';

const admin = { username: 'fm', role: 'admin' as const, from: '10.0.0.5' };

/** What the sweeps asked of the realtime hub, and what it answers about each screen. */
function fakeRealtime() {
  const sent = new Map<string, { code: string | null; forMs: number }>();
  const commands: string[] = [];
  const offline = new Set<string>();
  const modes = new Map<string, ModeId>();
  const realtime: ReadinessSweepDeps['realtime'] = {
    sendSweepCode: (screenId, code, forMs) => {
      if (offline.has(screenId)) return false;
      sent.set(screenId, { code, forMs });
      return true;
    },
    commandScreen: (screenId, command) => {
      if (offline.has(screenId)) return false;
      commands.push(`${screenId} ${command}`);
      return true;
    },
    screenHealth: (screenId) => ({ online: !offline.has(screenId), sound: 'ok', mode: modes.get(screenId) ?? 'normal' }),
  };
  return { realtime, sent, commands, offline, modes };
}

async function refusal(run: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readiness sweeps', () => {
  let dir: string;
  let audit: AuditEntry[];
  const site = smallSchool(6);
  const store = { data: { site, modeState: { seq: 0, modes: [], hazards: NO_HAZARDS } } } as unknown as Store;
  const plans = new BuildingPlans(() => site, () => ({ floors: [], links: [], screens: [] }));
  const auditLog = { append: async (entry: AuditEntry) => void audit.push(entry) } as unknown as AuditLog;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'muster-sweeps-'));
    audit = [];
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  async function open(realtime: ReadinessSweepDeps['realtime'], now?: () => number) {
    return createReadinessSweeps({ file: await openSweepFile(dir), store, audit: auditLog, realtime, plans, ...(now ? { now } : {}) });
  }

  it('gives each screen of the floor swept a code of its own, and no other screen one', async () => {
    const { realtime, sent } = fakeRealtime();
    const sweeps = await open(realtime);
    const started = await sweeps.start({ buildingId: 'main', floorId: 'main-2', minutes: 30 }, admin);
    const upstairs = site.screens.filter((s) => s.floorId === 'main-2').map((s) => s.id);
    expect([...sent.keys()].sort()).toEqual(upstairs.sort());
    expect(new Set([...sent.values()].map((s) => s.code)).size).toBe(upstairs.length);
    expect([...sent.values()].every((s) => s.forMs === 30 * 60_000)).toBe(true);
    expect(started).toMatchObject({ scopeName: 'Main, First', screens: 3, checked: 0, startedBy: 'fm' });
    expect(audit.map((e) => [e.action, e.detail])).toEqual([['screen.sweep-started', 'Main, First, 3 screens, for 30 minutes']]);
    sweeps.close();
  });

  it('finds the screen by its code however it is typed, and refuses a wrong or mistyped code in words', async () => {
    const { realtime, sent } = fakeRealtime();
    const sweeps = await open(realtime);
    await sweeps.start({ buildingId: null, floorId: null, minutes: 30 }, admin);
    const [screenId, { code }] = [...sent.entries()][0]!;
    const typed = `${code!.slice(0, 2).toLowerCase()} ${code!.slice(2)}`;
    const found = sweeps.find(typed);
    expect(found).toMatchObject({ code, screen: { id: screenId }, online: true, sound: 'ok', soundOn: true, mode: 'normal', last: null });
    // A school without floor plans: the phone is told why the screen shows no exit.
    expect(found.nearestExit).toEqual({ problem: expect.stringContaining('not placed on a floor plan') });

    // One character off is caught by the check character: mistyped, not another screen.
    const other = code![0] === 'A' ? 'C' : 'A';
    expect(await refusal(() => sweeps.find(other + code!.slice(1)))).toMatchObject({ code: 'bad_request', message: expect.stringContaining('not a sweep code') });
    expect(await refusal(() => sweeps.find('hello'))).toMatchObject({ code: 'bad_request' });
    sweeps.close();
  });

  it('refuses a code no screen shows, a second sweep of the same screens, and a place with no screens', async () => {
    const { realtime, sent } = fakeRealtime();
    const sweeps = await open(realtime);
    await sweeps.start({ buildingId: 'main', floorId: 'main-1', minutes: 30 }, admin);
    const shown = new Set([...sent.values()].map((s) => s.code));
    // A well-formed code that no screen shows: from the code generator with every shown code taken.
    const { newSweepCode } = await import('./sweep-codes.ts');
    const unused = newSweepCode(shown as Set<string>);
    expect(await refusal(() => sweeps.find(unused))).toMatchObject({ code: 'not_found', message: expect.stringContaining(`No screen shows the code ${unused}`) });
    expect(await refusal(() => sweeps.start({ buildingId: null, floorId: null, minutes: 30 }, admin))).toMatchObject({ code: 'conflict', message: expect.stringContaining('fm is sweeping Main, Ground') });
    expect(await refusal(() => sweeps.start({ buildingId: 'gym', floorId: null, minutes: 30 }, admin))).toMatchObject({ code: 'unknown_scope' });
    expect(await refusal(() => sweeps.start({ buildingId: 'main', floorId: 'roof', minutes: 30 }, admin))).toMatchObject({ code: 'unknown_scope' });
    // The other floor is free: two managers may sweep two floors at once.
    await sweeps.start({ buildingId: 'main', floorId: 'main-2', minutes: 30 }, admin);
    expect(sent.size).toBe(6);
    expect(sweeps.overview().running.map((s) => s.scopeName)).toEqual(['Main, Ground', 'Main, First']);
    sweeps.close();
  });

  it('records what was found, replacing the screen’s earlier finding, and audits it', async () => {
    const { realtime, sent } = fakeRealtime();
    const sweeps = await open(realtime);
    const started = await sweeps.start({ buildingId: 'main', floorId: null, minutes: 30 }, admin);
    const [first, second] = [...sent.keys()] as [string, string];
    const firstCode = sent.get(first)!.code!;
    const secondCode = sent.get(second)!.code!;
    await sweeps.record(firstCode, { failed: [], note: '' }, admin);
    await sweeps.record(secondCode, { failed: ['map-facing'], note: 'Map points the wrong way' }, admin);
    await sweeps.record(secondCode, { failed: ['map-facing', 'sound'], note: 'Map turned; no sound either' }, admin);
    const { results, running } = sweeps.overview();
    expect(results).toEqual([
      expect.objectContaining({ screenId: first, sweepId: started.id, by: 'fm', failed: [], note: '' }),
      expect.objectContaining({ screenId: second, failed: ['map-facing', 'sound'], note: 'Map turned; no sound either' }),
    ]);
    expect(running[0]).toMatchObject({ checked: 2, screens: 6 });
    expect(sweeps.find(secondCode).last).toMatchObject({ failed: ['map-facing', 'sound'] });
    expect(audit.filter((e) => e.action === 'screen.swept').map((e) => e.detail)).toEqual([
      `${first} (Screen 1): all checks passed`,
      `${second} (Screen 2): problem: map faces the wrong way (“Map points the wrong way”)`,
      `${second} (Screen 2): problem: map faces the wrong way; cannot be heard (“Map turned; no sound either”)`,
    ]);
    sweeps.close();
  });

  it('sends a large sweep’s codes a batch per turn of the event loop, so other work (a Lockdown) goes out between', async () => {
    const many = smallSchool(600);
    const { realtime, sent } = fakeRealtime();
    const sweeps = createReadinessSweeps({
      file: await openSweepFile(dir),
      store: { data: { site: many, modeState: { seq: 0, modes: [], hazards: NO_HAZARDS } } } as unknown as Store,
      audit: auditLog,
      realtime,
      plans: new BuildingPlans(() => many, () => ({ floors: [], links: [], screens: [] })),
    });
    const seenBetween: number[] = [];
    let watching = true;
    // Work that arrives while the codes go out (a turn of the event loop each time): it runs before the last of them.
    const watch = () => {
      seenBetween.push(sent.size);
      if (watching) setImmediate(watch);
    };
    setImmediate(watch);
    await sweeps.start({ buildingId: null, floorId: null, minutes: 30 }, admin);
    watching = false;
    expect(sent.size).toBe(600);
    expect(seenBetween.some((n) => n > 0 && n < 600)).toBe(true);
    sweeps.close();
  });

  it('sounds the test tone only on a screen that is online, set to sound, and in normal times', async () => {
    const { realtime, sent, commands, offline, modes } = fakeRealtime();
    const sweeps = await open(realtime);
    await sweeps.start({ buildingId: null, floorId: null, minutes: 30 }, admin);
    const codes = [...sent.entries()];
    sweeps.testTone(codes[0]![1].code!);
    expect(commands).toEqual([`${codes[0]![0]} test-tone`]);
    modes.set(codes[1]![0], 'lockdown');
    expect(await refusal(() => sweeps.testTone(codes[1]![1].code!))).toMatchObject({ code: 'conflict', message: expect.stringContaining('emergency mode') });
    offline.add(codes[2]![0]);
    expect(await refusal(() => sweeps.testTone(codes[2]![1].code!))).toMatchObject({ code: 'conflict', message: expect.stringContaining('offline') });
    expect(commands).toHaveLength(1);
    sweeps.close();
  });

  it('ends by itself when its time runs out: screens stop showing codes, and the codes no longer work', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { realtime, sent } = fakeRealtime();
    const sweeps = await open(realtime);
    await sweeps.start({ buildingId: null, floorId: null, minutes: 5 }, admin);
    const [screenId, { code }] = [...sent.entries()][0]!;
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(sweeps.codeFor(screenId)).toEqual({ code, forMs: 60_000 });
    await vi.advanceTimersByTimeAsync(60_000 + 100);
    await vi.waitFor(() => expect(sent.get(screenId)).toEqual({ code: null, forMs: 0 }));
    expect(sweeps.codeFor(screenId)).toBeNull();
    expect(sweeps.overview().running).toEqual([]);
    expect(await refusal(() => sweeps.find(code!))).toMatchObject({ code: 'not_found' });
    expect(audit.at(-1)).toMatchObject({ action: 'screen.sweep-ended', who: 'system', role: 'system', detail: 'Whole school: its time ran out; 0 of 6 screens checked' });
    sweeps.close();
  });

  it('keeps a running sweep and every finding through a restart of the hub', async () => {
    let now = Date.parse('2026-11-27T09:00:00Z');
    const first = fakeRealtime();
    const before = await open(first.realtime, () => now);
    await before.start({ buildingId: null, floorId: null, minutes: 30 }, admin);
    const [screenId, { code }] = [...first.sent.entries()][0]!;
    await before.record(code!, { failed: ['visible'], note: 'Screen is black' }, admin);
    before.close();

    now += 10 * 60_000;
    const after = await open(fakeRealtime().realtime, () => now);
    // A screen that reconnects shows the same code, for what is left of the sweep.
    expect(after.codeFor(screenId)).toEqual({ code, forMs: 20 * 60_000 });
    expect(after.overview().results).toEqual([expect.objectContaining({ screenId, failed: ['visible'], note: 'Screen is black' })]);
    await after.end(after.overview().running[0]!.id, admin);
    expect(after.codeFor(screenId)).toBeNull();
    expect(await refusal(() => after.end('000000000000', admin))).toMatchObject({ code: 'not_found' });
    after.close();
  });
});
