// A mode reaches exactly the screens in scope, receipts build the roll-call, and a restart keeps modes and sequence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { effectiveModeFor } from '../../shared/modes.ts';
import type { Screen } from '../../shared/model.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let office: string;
let screens: Screen[];
const sockets: TestSocket[] = [];

beforeEach(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
  screens = hub.site().screens;
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await hub.dispose();
});

async function connectAll(): Promise<Map<string, TestSocket>> {
  const connected = new Map<string, TestSocket>();
  for (const screen of screens) {
    const socket = await TestSocket.screen(hub.origin, screen.id);
    sockets.push(socket);
    connected.set(screen.id, socket);
  }
  return connected;
}

async function state() {
  const { status, body } = await hub.api('/api/state', { cookie: office });
  expect(status).toBe(200);
  return body.state;
}

describe('mode changes', () => {
  it('reach exactly the screens in the scope', async () => {
    const connected = await connectAll();
    const { status, body } = await hub.api('/api/modes', {
      cookie: office,
      body: { mode: 'lockdown', scope: { kind: 'zone', zoneId: 'east-wing' }, drill: true },
    });
    expect(status).toBe(200);
    expect(body.seq).toBe(1);

    const inLockdown: string[] = [];
    for (const screen of screens) {
      const effective = await connected.get(screen.id)!.renderState(1, screen);
      if (effective?.mode === 'lockdown') inLockdown.push(screen.id);
    }
    expect(inLockdown.sort()).toEqual(['main-1-east', 'main-2-east']);

    const hubView = await state();
    const lockdownScreens = hubView.screens.filter((s: any) => s.expected.mode === 'lockdown').map((s: any) => s.id);
    expect(lockdownScreens.sort()).toEqual(['main-1-east', 'main-2-east']);
  });

  it('resolve building scope and priority across overlapping scopes', async () => {
    await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'site' }, drill: false } });
    const { body } = await hub.api('/api/modes', {
      cookie: office,
      body: { mode: 'secure', scope: { kind: 'building', buildingId: 'annex' }, drill: false },
    });
    expect(body.seq).toBe(2);
    const hubView = await state();
    const byId = new Map(hubView.screens.map((s: any) => [s.id, s.expected.mode]));
    expect(byId.get('annex-hall')).toBe('secure');
    expect(byId.get('gym')).toBe('hold');
    // A later, lower-priority mode does not take over a higher-priority one elsewhere.
    await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: false } });
    const after = await state();
    expect(after.screens.every((s: any) => s.expected.mode === 'lockdown')).toBe(true);
  });

  it('build the roll-call from render receipts only', async () => {
    const connected = await connectAll();
    await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    // Sockets have been written to, but nobody has painted yet.
    let entry = (await state()).rollCall.find((e: any) => e.mode === 'lockdown');
    expect(entry).toMatchObject({ expected: screens.length, confirmed: 0 });

    const gym = connected.get('gym')!;
    await gym.next('modes-changed', (m) => m.seq === 1);
    // A receipt for the wrong mode does not confirm.
    gym.send({ type: 'receipt', seq: 1, activeSeq: 0, mode: 'normal', drill: false });
    await new Promise((r) => setTimeout(r, 50));
    entry = (await state()).rollCall.find((e: any) => e.mode === 'lockdown');
    expect(entry.confirmed).toBe(0);
    gym.send({ type: 'receipt', seq: 1, activeSeq: 1, mode: 'lockdown', drill: true });
    await new Promise((r) => setTimeout(r, 50));
    entry = (await state()).rollCall.find((e: any) => e.mode === 'lockdown');
    expect(entry.confirmed).toBe(1);
    expect(entry.unconfirmed).not.toContain('gym');

    for (const screen of screens.filter((s) => s.id !== 'gym')) await connected.get(screen.id)!.renderState(1, screen);
    await new Promise((r) => setTimeout(r, 50));
    const full = await state();
    entry = full.rollCall.find((e: any) => e.mode === 'lockdown');
    expect(entry).toMatchObject({ expected: screens.length, confirmed: screens.length, unconfirmed: [], drill: true });
    expect(entry.slowestMs).toBeGreaterThanOrEqual(0);
    expect(full.screens.find((s: any) => s.id === 'gym').confirmedAfterMs).toBeGreaterThanOrEqual(0);
  });

  it('push live roll-call state to a logged-in console', async () => {
    const console = await TestSocket.connect(hub.origin, { cookie: office });
    sockets.push(console);
    console.send({ type: 'console-hello', protocol: 1, build: 'test' });
    const welcome = await console.next('welcome');
    expect(welcome.user).toEqual({ username: 'office', role: 'office' });
    await console.next('state');
    const screen = await TestSocket.screen(hub.origin, 'cafeteria');
    sockets.push(screen);
    await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: false } });
    await screen.renderState(1, screens.find((s) => s.id === 'cafeteria')!);
    const pushed = await console.consoleView((view) => view.screens.find((s) => s.id === 'cafeteria')?.confirmed === true);
    expect(pushed.rollCall.find((e) => e.mode === 'lockdown')?.confirmed).toBe(1);
    // What the console folded from the deltas is what the hub holds.
    expect(pushed).toEqual((await hub.api('/api/state', { cookie: office })).body.state);
  });

  it('give a screen that is behind a snapshot on hello, and none when it is current', async () => {
    await hub.api('/api/modes', { cookie: office, body: { mode: 'evacuate', scope: { kind: 'site' }, drill: false, destination: 'North athletic field' } });
    const behind = await TestSocket.screen(hub.origin, 'gym', 0);
    sockets.push(behind);
    const snapshot = await behind.next('snapshot');
    expect(snapshot.seq).toBe(1);
    expect(effectiveModeFor(screens.find((s) => s.id === 'gym')!, snapshot.modes)).toMatchObject({ mode: 'evacuate', destination: 'North athletic field' });
    const current = await TestSocket.screen(hub.origin, 'cafeteria', 1);
    sockets.push(current);
    await new Promise((r) => setTimeout(r, 100));
    expect(current.messages.some((m) => m.type === 'snapshot')).toBe(false);
  });

  it('survive a restart with the same modes and a sequence that keeps growing', async () => {
    await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    await hub.api('/api/modes', { cookie: office, body: { mode: 'shelter', scope: { kind: 'building', buildingId: 'annex' }, drill: true, hazard: 'tornado' } });
    const before = await state();
    hub = await hub.restart();
    office = await hub.login('office');
    const after = await state();
    expect(after.seq).toBe(2);
    expect(after.modes).toEqual(before.modes);
    expect(after.modes.find((m: any) => m.mode === 'shelter').strategy).toBe('shelter-area');
    const screen = await TestSocket.screen(hub.origin, 'annex-hall', 0);
    sockets.push(screen);
    expect((await screen.next('snapshot')).modes).toHaveLength(2);
    const { body } = await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } });
    expect(body).toEqual({ ok: true, seq: 3, cleared: [1, 2] });
    const audit = (await readFile(join(hub.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.filter((e) => e.action.startsWith('mode.')).map((e) => [e.action, e.seq, e.who, e.drill])).toEqual([
      ['mode.set', 1, 'office', true],
      ['mode.set', 2, 'office', true],
      ['mode.all-clear', 3, 'office', true],
    ]);
    expect(audit.every((e) => e.at && e.from && e.role)).toBe(true);
  });
});

describe('a note from the office', () => {
  it('reaches the screens with the mode, stays with it across a restart, and is in the audit line', async () => {
    const gym = await TestSocket.screen(hub.origin, 'gym');
    sockets.push(gym);
    const note = 'Medical emergency in the gym, keep the halls clear';
    const started = await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'gym' }, drill: true, note: `  ${note} ` } });
    expect(started.status).toBe(200);
    const change = await gym.next('modes-changed');
    expect(change.modes[0]).toMatchObject({ mode: 'hold', note });
    const audit = await readFile(join(hub.dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain(`"detail":"note: “${note}”"`);
    // The note is a field of the line too, which reports read rather than parse the words.
    expect(audit).toContain(`"note":"${note}"`);
    hub = await hub.restart();
    office = await hub.login('office');
    expect((await state()).modes[0].note).toBe(note);
  });

  it('is left out when empty, and refused over 140 characters, changing nothing', async () => {
    const empty = await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'hold', scope: { kind: 'site' }, drill: true, note: '   ' } });
    expect(empty.status).toBe(200);
    expect((await state()).modes[0]).not.toHaveProperty('note');
    const long = await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true, note: 'x'.repeat(141) } });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('at most 140 characters');
    expect((await state()).modes.map((m: any) => m.mode)).toEqual(['hold']);
  });
});

describe('drills and real events', () => {
  it('a drill cannot replace a real event on the same scope', async () => {
    await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: false } });
    const { status, body } = await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'site' }, drill: true } });
    expect(status).toBe(409);
    expect(body.error.code).toBe('real_event_active');
    expect((await state()).modes).toHaveLength(1);
  });

  it('a drill All Clear ends only drills and never a real event; a real All Clear ends everything in scope', async () => {
    await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'zone', zoneId: 'gym' }, drill: false } });
    await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'east-wing' }, drill: true } });
    const refused = await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'zone', zoneId: 'gym' }, drill: true } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('real_event_active');
    const drillsOnly = await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } });
    expect(drillsOnly.body.cleared).toEqual([2]);
    expect((await state()).modes.map((m: any) => m.seq)).toEqual([1]);
    await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'east-wing' }, drill: true } });
    const real = await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'building', buildingId: 'main' }, drill: false } });
    expect(real.body.cleared).toEqual([1, 4]); // seq 3 was the drill All Clear itself
    expect((await state()).modes).toEqual([]);
    const nothing = await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: false } });
    expect(nothing.status).toBe(409);
    expect(nothing.body.error.code).toBe('no_active_mode');
  });

  it('a real event shows over a drill of the same mode on a wider scope', async () => {
    await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'zone', zoneId: 'gym' }, drill: false } });
    const gym = (await state()).screens.find((s: any) => s.id === 'gym');
    expect(gym.expected).toMatchObject({ mode: 'lockdown', drill: false, activeSeq: 2 });
  });

  it('a real event shows over a higher-priority drill: a site Lockdown drill leaves a real Hold showing HOLD', async () => {
    await hub.api('/api/modes', { cookie: office, body: { mode: 'hold', scope: { kind: 'zone', zoneId: 'gym' }, drill: false } });
    await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    const screens = (await state()).screens;
    expect(screens.find((s: any) => s.id === 'gym').expected).toMatchObject({ mode: 'hold', drill: false, activeSeq: 1 });
    expect(screens.find((s: any) => s.id === 'cafeteria').expected).toMatchObject({ mode: 'lockdown', drill: true, activeSeq: 2 });
  });
});
