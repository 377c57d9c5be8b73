// Unit tests for the realtime hub put together, driven through its Hono events with fake sockets: the handshake,
// frame checks and budgets, heartbeats, back-pressure, pairing, screen sync and the consoles' feed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PRIORITY } from '../../shared/modes.ts';
import { NO_HAZARDS, type ModeState, type Site } from '../../shared/model.ts';
import { CLOSE_CODES, PROTOCOL_VERSION, type ClientMessage } from '../../shared/protocol.ts';
import { applyConsoleMessage, type ConsoleView } from '../../shared/console-view.ts';
import { connectFake, type FakeSocket } from '../../test/helpers/fake-socket.ts';
import { smallSchool } from '../../test/helpers/small-school.ts';
import { MAX_BAD_FRAMES, type ConsoleSession } from './connection-registry.ts';
import { RealtimeHub, type RealtimeOptions } from './realtime-hub.ts';

const HEARTBEAT_MS = 10_000;
const office: ConsoleSession = { user: { username: 'office', role: 'office' }, key: 'session-1' };

let site: Site;
let modeState: ModeState;
let hub: RealtimeHub;

function start(options: Partial<RealtimeOptions> = {}): RealtimeHub {
  hub = new RealtimeHub({
    build: 'build-1',
    heartbeatMs: HEARTBEAT_MS,
    priority: DEFAULT_PRIORITY,
    site: () => site,
    modeState: () => modeState,
    screenAccess: (screenId, token) => (token === `token-${screenId}` ? 'ok' : 'invalid'),
    ...options,
  });
  return hub;
}

const hello = (screenId: string, fields: Partial<Extract<ClientMessage, { type: 'hello' }>> = {}): ClientMessage => ({
  type: 'hello',
  protocol: PROTOCOL_VERSION,
  build: 'screen-build',
  screenId,
  token: `token-${screenId}`,
  lastSeq: modeState.seq,
  ...fields,
});

function screen(screenId: string, fields: Partial<Extract<ClientMessage, { type: 'hello' }>> = {}) {
  const client = connectFake(hub);
  client.send(hello(screenId, fields));
  return client;
}

function consoleClient(session: ConsoleSession | null = office) {
  const client = connectFake(hub, session);
  client.send({ type: 'console-hello', protocol: PROTOCOL_VERSION, build: 'console-build' });
  return client;
}

/** What a console shows after everything it was sent. */
function viewOf(socket: FakeSocket): ConsoleView {
  return socket.messages.reduce<ConsoleView>(applyConsoleMessage, null);
}

function startLockdown(): void {
  const seq = modeState.seq + 1;
  modeState = { seq, modes: [{ mode: 'lockdown', scope: { kind: 'site' }, drill: false, seq, startedAt: new Date(0).toISOString(), by: 'office' }], hazards: NO_HAZARDS };
  hub.publishModes({ kind: 'set', seq });
}

const receipt = (seq: number, activeSeq: number): ClientMessage => ({ type: 'receipt', seq, activeSeq, mode: activeSeq ? 'lockdown' : 'normal', drill: false });

beforeEach(() => {
  vi.useFakeTimers();
  site = smallSchool(4);
  modeState = { seq: 0, modes: [], hazards: NO_HAZARDS };
});
afterEach(() => {
  hub?.close();
  vi.useRealTimers();
});

describe('handshake', () => {
  it('refuses to start without a screenAccess check: no screen is let in by default', () => {
    const { screenAccess: _left, ...withoutAccess } = { build: 'b', heartbeatMs: 1000, priority: DEFAULT_PRIORITY, site: () => site, modeState: () => modeState, screenAccess: () => 'ok' as const };
    expect(() => new RealtimeHub(withoutAccess as RealtimeOptions)).toThrow(/screenAccess/);
  });

  it('welcomes a paired screen with its profile, and gives it the state only when it is behind', () => {
    start();
    modeState = { ...modeState, seq: 2 };
    const current = screen('screen-00001', { lastSeq: 2 });
    expect(current.socket.messages.map((m) => m.type)).toEqual(['welcome', 'wordings', 'content']);
    expect(current.socket.of('welcome')[0]).toMatchObject({ protocol: PROTOCOL_VERSION, build: 'build-1', seq: 2, screen: { id: 'screen-00001', zoneName: 'East wing' }, user: null });
    const behind = screen('screen-00002', { lastSeq: 0 });
    expect(behind.socket.messages.map((m) => m.type)).toEqual(['welcome', 'snapshot', 'wordings', 'content']);
    expect(hub.onlineScreens()).toBe(2);
  });

  it('closes a screen that is not on the site, or whose token does not match', () => {
    start();
    const unknown = screen('screen-99999');
    expect(unknown.socket.of('error')[0]?.code).toBe('unknown_screen');
    expect(unknown.socket.closedWith?.code).toBe(CLOSE_CODES.unknownScreen);
    const stranger = screen('screen-00001', { token: 'guessed' });
    expect(stranger.socket.of('error')[0]?.code).toBe('unauthenticated');
    expect(stranger.socket.closedWith?.code).toBe(CLOSE_CODES.unauthorized);
    expect(hub.onlineScreens()).toBe(0);
  });

  it('closes a client of another protocol version, to update itself', () => {
    start();
    const old = screen('screen-00001', { protocol: PROTOCOL_VERSION + 1 });
    expect(old.socket.of('error')[0]?.code).toBe('protocol_mismatch');
    expect(old.socket.closedWith?.code).toBe(CLOSE_CODES.protocolMismatch);
  });

  it('takes one hello per connection, and a newer connection of the same screen replaces the older', () => {
    start();
    const first = screen('screen-00001');
    first.send(hello('screen-00002'));
    expect(first.socket.of('error').at(-1)).toMatchObject({ code: 'bad_request', message: 'hello was already received' });
    expect(hub.rejectedFrames.get('bad_request')).toBe(1);
    const second = screen('screen-00001');
    expect(first.socket.closedWith?.code).toBe(CLOSE_CODES.replaced);
    first.closed();
    // The older one going does not take the screen offline: the newer one is it.
    expect(hub.onlineScreens()).toBe(1);
    expect(hub.commandScreen('screen-00001', 'identify')).toBe(true);
    expect(second.socket.of('command')).toEqual([{ type: 'command', command: 'identify' }]);
  });

  it('lets a console in only on a session that holds', () => {
    start({ sessionHolds: (key) => key === office.key });
    for (const session of [null, { ...office, key: 'ended' }]) {
      const refused = consoleClient(session);
      expect(refused.socket.of('error')[0]?.code).toBe('unauthenticated');
      expect(refused.socket.closedWith?.code).toBe(CLOSE_CODES.unauthorized);
    }
    const desk = consoleClient();
    expect(desk.socket.messages.map((m) => m.type)).toEqual(['welcome', 'snapshot', 'state']);
    expect(desk.socket.of('welcome')[0]).toMatchObject({ user: office.user, screen: null });
    expect(desk.socket.of('state')[0]?.state.screens).toHaveLength(4);
  });

  it('finds a screen added to the site once the site is synced, and drops a removed one', () => {
    start();
    site = smallSchool(6);
    hub.syncScreens();
    expect(screen('screen-00006').socket.of('welcome')).toHaveLength(1);
    site = smallSchool(2);
    hub.syncScreens();
    expect(screen('screen-00003').socket.closedWith?.code).toBe(CLOSE_CODES.unknownScreen);
  });
});

describe('frames, budgets and heartbeats', () => {
  it('answers a bad frame with a typed error, and closes a client that keeps sending them', () => {
    start();
    const client = connectFake(hub);
    client.send('not json');
    expect(client.socket.of('error')[0]?.code).toBe('invalid_json');
    client.send(receipt(1, 0));
    expect(client.socket.of('error')[1]?.code).toBe('bad_request');
    for (let i = 2; i < MAX_BAD_FRAMES; i += 1) client.send('{"type":"party"}');
    expect(client.socket.closedWith?.code).toBe(CLOSE_CODES.tooManyBadMessages);
  });

  it('refuses a flood over the message budget: the first few are told, then it is closed', () => {
    start({ messageBudget: { perSecond: 1, burst: 2 } });
    const client = connectFake(hub);
    for (let i = 0; i < 2 + MAX_BAD_FRAMES; i += 1) client.send({ type: 'ping', t: i });
    expect(client.socket.of('pong')).toHaveLength(2);
    expect(client.socket.of('error').filter((e) => e.code === 'rate_limited')).toHaveLength(3);
    expect(client.socket.closedWith?.code).toBe(CLOSE_CODES.tooManyMessages);
    expect(hub.overBudgetMessages).toBe(MAX_BAD_FRAMES);
  });

  it('pings every connection each heartbeat and terminates one that did not answer the last', () => {
    start();
    const answering = screen('screen-00001');
    const silent = screen('screen-00002');
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect([answering.socket.pings, silent.socket.pings]).toEqual([1, 1]);
    answering.socket.pong();
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(answering.socket.terminated).toBe(false);
    expect(silent.socket.terminated).toBe(true);
  });

  it('drops a screen that cannot keep up; it reconnects and resyncs', () => {
    start({ maxBufferedBytes: 1000 });
    const slow = screen('screen-00001');
    slow.socket.bufferedAmount = 1001;
    startLockdown();
    expect(slow.socket.closedWith?.code).toBe(CLOSE_CODES.slowConsumer);
    expect(slow.socket.terminated).toBe(true);
    expect(slow.socket.of('modes-changed')).toEqual([]);
  });

  it('ends the consoles of a session that ran out at the next heartbeat', () => {
    let holds = true;
    start({ sessionHolds: () => holds });
    const desk = consoleClient();
    holds = false;
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(desk.socket.of('error')[0]?.code).toBe('unauthenticated');
    expect(desk.socket.closedWith?.code).toBe(CLOSE_CODES.unauthorized);
  });
});

describe('pairing', () => {
  it('shows a code, hands its screen the identity when the code is entered, and forgets a code whose screen went', () => {
    start();
    const pairing = connectFake(hub);
    pairing.send({ type: 'pair-request', protocol: PROTOCOL_VERSION, build: 'b' });
    const code = pairing.socket.of('pairing-code')[0]!.code;
    expect(hub.hasPairingCode(code.toLowerCase())).toBe(true);
    expect(hub.completePairing(code, 'screen-00001', 'the-token')).toBe(true);
    expect(pairing.socket.of('paired')).toEqual([{ type: 'paired', screenId: 'screen-00001', token: 'the-token' }]);
    expect(pairing.socket.closedWith?.code).toBe(1000);

    const gone = connectFake(hub);
    gone.send({ type: 'pair-request', protocol: PROTOCOL_VERSION, build: 'b' });
    const goneCode = gone.socket.of('pairing-code')[0]!.code;
    gone.closed();
    expect(hub.hasPairingCode(goneCode)).toBe(false);
    expect(hub.completePairing(goneCode, 'screen-00002', 't')).toBe(false);
  });
});

describe('screen sync', () => {
  it('sends wordings, slides and plans only to screens whose version differs', () => {
    let wordings = { version: 'w1', wordings: {} };
    let content = { revision: 1, slides: [] };
    start({ wordings: () => wordings, content: () => content, planFor: () => ({ version: 'p1', wayfinding: { floors: [], links: [], screens: [] } }) });
    const fresh = screen('screen-00001');
    const cached = screen('screen-00002', { wordingsVersion: 'w1', contentRevision: 1, planVersion: 'p1' });
    expect(fresh.socket.messages.map((m) => m.type)).toEqual(['welcome', 'wordings', 'content', 'plan']);
    expect(cached.socket.messages.map((m) => m.type)).toEqual(['welcome']);
    hub.publishWordings();
    hub.publishContent();
    hub.publishPlans();
    expect(cached.socket.messages.map((m) => m.type)).toEqual(['welcome']);
    wordings = { version: 'w2', wordings: {} };
    content = { revision: 2, slides: [] };
    hub.publishWordings();
    hub.publishContent();
    expect(cached.socket.messages.map((m) => m.type)).toEqual(['welcome', 'wordings', 'content']);
    expect(fresh.socket.of('content').map((m) => m.revision)).toEqual([1, 2]);
  });

  it('sends every screen its profile again after the site changed', () => {
    start();
    const hall = screen('screen-00001');
    site = { ...site, name: 'Renamed School' };
    hub.publishSite('v2');
    expect(hall.socket.of('profile')[0]).toMatchObject({ site: { name: 'Renamed School' }, screen: { id: 'screen-00001' } });
  });
});

describe('console feed', () => {
  it('sends a console only the rows that changed, and what it folds is the hub’s state', () => {
    site = smallSchool(1000);
    start();
    const screens = ['screen-00001', 'screen-00002', 'screen-00003'].map((id) => screen(id));
    const desk = consoleClient();
    vi.advanceTimersByTime(50);
    startLockdown();
    vi.advanceTimersByTime(50);
    // A change that re-points every screen goes as grouped ids, not as a thousand rows.
    const started = desk.socket.of('state-delta').at(-1)!;
    expect(started.screens).toEqual([]);
    expect(started.expected[0]?.screenIds).toHaveLength(1000);
    screens[1]!.send(receipt(1, 1));
    vi.advanceTimersByTime(50);
    const painted = desk.socket.of('state-delta').at(-1)!;
    expect(painted.receipts).toMatchObject([{ seq: 1, activeSeq: 1, mode: 'lockdown', screens: [['screen-00002', expect.any(Number), true, expect.any(Number)]] }]);
    expect(painted.screens).toEqual([]);
    expect(painted.expected).toEqual([]);
    expect(painted.rollCall[0]).toMatchObject({ mode: 'lockdown', expected: 1000, confirmed: 1 });
    screens[2]!.closed();
    vi.advanceTimersByTime(50);
    expect(desk.socket.of('state-delta').at(-1)!.screens).toMatchObject([{ id: 'screen-00003', online: false }]);
    expect(viewOf(desk.socket)).toEqual(hub.state());
  });

  it('holds a slow console’s updates while it drains instead of closing it, then sends them merged', () => {
    start({ maxBufferedBytes: 1000, consoleDrainedBytes: 500 });
    const screens = ['screen-00001', 'screen-00002', 'screen-00003', 'screen-00004'].map((id) => screen(id));
    const desk = consoleClient();
    vi.advanceTimersByTime(50);
    const sentBefore = desk.socket.messages.length;
    const sentSince = () => desk.socket.messages.slice(sentBefore);
    // Still sending its last update: more queued than a screen may have, less than that update on top of it.
    desk.socket.bufferedAmount = Buffer.byteLength(desk.socket.sent.at(-1)!) + 600;
    startLockdown();
    screens[0]!.send(receipt(1, 1));
    vi.advanceTimersByTime(50);
    screens[1]!.send(receipt(1, 1));
    vi.advanceTimersByTime(200);
    // Far over the screens' limit, yet still open: only the small modes-changed went out.
    expect(desk.socket.closedWith).toBeNull();
    expect(sentSince().map((m) => m.type)).toEqual(['modes-changed']);
    desk.socket.bufferedAmount = 0;
    vi.advanceTimersByTime(50);
    expect(sentSince().map((m) => m.type)).toEqual(['modes-changed', 'state-delta']);
    expect(viewOf(desk.socket)).toEqual(hub.state());
  });

  it('sends the whole state after the site changed', () => {
    start();
    const desk = consoleClient();
    desk.socket.clear();
    site = smallSchool(5);
    hub.publishSite('v2');
    vi.advanceTimersByTime(50);
    expect(desk.socket.messages.map((m) => m.type)).toEqual(['site-changed', 'state']);
    expect(desk.socket.of('state')[0]?.state.screens).toHaveLength(5);
  });
});
