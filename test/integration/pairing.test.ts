// Pairing screens on a real hub: a new screen shows a code, an admin enters it, the screen receives a device token
// and identifies with it; a wrong code or token is refused; unpairing disconnects the screen within a second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { screenToken, startTestHub, type TestHub } from '../helpers/hub.ts';
import { TestSocket } from '../helpers/test-socket.ts';

let hub: TestHub;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.login('admin');
});
afterAll(async () => {
  await hub?.dispose();
});

const library = { name: 'Library, by the desk', buildingId: 'main', floorId: 'main-2', zoneId: null, location: '2nd floor, library entrance', tags: ['libraries'] };

async function waitingScreen(): Promise<{ socket: TestSocket; code: string }> {
  const socket = await TestSocket.connect(hub.origin);
  socket.send({ type: 'pair-request', protocol: PROTOCOL_VERSION, build: 'test' });
  const { code, expiresAt } = await socket.next('pairing-code');
  expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 5 * 60_000);
  return { socket, code };
}

async function hello(screenId: string, token: string | null): Promise<TestSocket> {
  const socket = await TestSocket.connect(hub.origin);
  socket.send({ type: 'hello', protocol: PROTOCOL_VERSION, build: 'test', screenId, token, lastSeq: 0 });
  return socket;
}

const screenStatus = async (id: string) => (await hub.api('/api/state', { cookie: admin })).body.state.screens.find((s: { id: string }) => s.id === id);

describe('pairing a new screen', () => {
  let token = '';

  it('refuses a code no screen is showing, and changes nothing', async () => {
    const { socket } = await waitingScreen();
    const before = (await hub.api('/api/site', { cookie: admin })).body.site.screens.length;
    const wrong = await hub.api('/api/screens/pair', { cookie: admin, body: { code: 'QQQ-QQQ', ...library } });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('not_found');
    expect(wrong.body.error.message).toMatch(/QQQ-QQQ/);
    expect((await hub.api('/api/site', { cookie: admin })).body.site.screens.length).toBe(before);
    expect(socket.messages.filter((m) => m.type === 'paired')).toEqual([]);
    socket.close();
  });

  it('refuses a placement that does not fit the site, with the reason', async () => {
    const { socket, code } = await waitingScreen();
    const bad = await hub.api('/api/screens/pair', { cookie: admin, body: { code, ...library, floorId: 'annex-1' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    socket.close();
  });

  it('gives the screen showing the code its identity and a token, typed in any case and without the dash', async () => {
    const { socket, code } = await waitingScreen();
    const paired = await hub.api('/api/screens/pair', { cookie: admin, body: { code: code.replace('-', '').toLowerCase(), ...library } });
    expect(paired.status).toBe(200);
    expect(paired.body.screen).toMatchObject({ id: 'library-by-the-desk', name: library.name, floorId: 'main-2', tags: ['libraries'] });
    const message = await socket.next('paired');
    expect(message.screenId).toBe('library-by-the-desk');
    expect(message.token.length).toBeGreaterThanOrEqual(40);
    token = message.token;
    expect(await socket.closed).toBe(1000);
    // The same code cannot be used twice.
    expect((await hub.api('/api/screens/pair', { cookie: admin, body: { code, ...library } })).status).toBe(404);
  });

  it('lets the screen identify with its token from then on, and shows it on the roll-call', async () => {
    const screen = await hello('library-by-the-desk', token);
    const welcome = await screen.next('welcome');
    expect(welcome.screen).toMatchObject({ id: 'library-by-the-desk', location: library.location, floorName: expect.any(String) });
    await expect.poll(async () => (await screenStatus('library-by-the-desk'))?.online).toBe(true);
    screen.close();
  });

  it('refuses a hello without the token, or with another screen’s token, and tells the screen why', async () => {
    for (const wrong of [null, 'not-the-token', screenToken('gym')]) {
      const screen = await hello('library-by-the-desk', wrong);
      expect((await screen.next('error')).code).toBe('unauthenticated');
      expect(await screen.closed).toBe(CLOSE_CODES.unauthorized);
      expect(screen.messages.some((m) => m.type === 'welcome' || m.type === 'snapshot')).toBe(false);
    }
  });

  it('disconnects the screen within a second when an admin unpairs it, and refuses its token afterwards', async () => {
    const screen = await hello('library-by-the-desk', token);
    await screen.next('welcome');
    const started = Date.now();
    const unpaired = await hub.api('/api/screens/library-by-the-desk/pairing', { method: 'DELETE', cookie: admin });
    expect(unpaired.status).toBe(200);
    expect(await screen.closed).toBe(CLOSE_CODES.unauthorized);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(screen.messages.find((m) => m.type === 'error')).toMatchObject({ code: 'unauthenticated' });
    const again = await hello('library-by-the-desk', token);
    expect(await again.closed).toBe(CLOSE_CODES.unauthorized);
    expect((await hub.api('/api/screens/library-by-the-desk/pairing', { method: 'DELETE', cookie: admin })).status).toBe(409);
  });

  it('pairs a replacement device as an existing screen: the old one is disconnected and its token refused', async () => {
    const old = await hello('gym', screenToken('gym'));
    await old.next('welcome');
    const { socket, code } = await waitingScreen();
    const paired = await hub.api('/api/screens/pair', {
      cookie: admin,
      body: { code, screenId: 'gym', name: 'Gym', buildingId: 'main', floorId: 'main-1', zoneId: 'gym', location: 'Gym, by the north doors' },
    });
    expect(paired.status).toBe(200);
    expect(paired.body.screen.id).toBe('gym');
    expect(await old.closed).toBe(CLOSE_CODES.unauthorized);
    const { token: newToken } = await socket.next('paired');
    const replacement = await hello('gym', newToken);
    expect((await replacement.next('welcome')).screen?.location).toBe('Gym, by the north doors');
    replacement.close();
    const stale = await hello('gym', screenToken('gym'));
    expect(await stale.closed).toBe(CLOSE_CODES.unauthorized);
    expect(await readAudit()).toMatch(/"action":"screen.paired".*gym/);
  });
});

describe('a new link for a screen', () => {
  it('gives a kiosk URL with a fresh token in its fragment; the previous token stops working at once', async () => {
    const old = await hello('cafeteria', screenToken('cafeteria'));
    await old.next('welcome');
    const link = await hub.api('/api/screens/cafeteria/link', { method: 'POST', cookie: admin });
    expect(link.status).toBe(200);
    const url = new URL(link.body.path, hub.origin);
    expect(url.pathname).toBe('/screen/');
    expect(url.searchParams.get('id')).toBe('cafeteria');
    expect(url.search).not.toMatch(/token/);
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    expect(await old.closed).toBe(CLOSE_CODES.unauthorized);
    const fresh = await hello('cafeteria', token);
    await fresh.next('welcome');
    fresh.close();
    expect((await hub.api('/api/screens/no-such-screen/link', { method: 'POST', cookie: admin })).status).toBe(404);
  });
});

describe('map images', () => {
  it('are refused to anyone who is neither logged in nor a paired screen', async () => {
    const anonymous = await hub.api('/maps/main-1.svg');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    expect((await hub.api('/maps/main-1.svg', { cookie: admin })).status).toBe(200);
  });

  it('are served to a paired screen with the cookie its token buys, and to no one with a wrong token', async () => {
    const wrong = await hub.api('/api/screens/session', { body: { screenId: 'main-1-east', token: 'guessed' } });
    expect(wrong.status).toBe(401);
    const response = await fetch(`${hub.origin}/api/screens/session`, {
      method: 'POST',
      headers: { Origin: hub.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ screenId: 'main-1-east', token: screenToken('main-1-east') }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('muster_device_main-1-east=')) ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Path=\/;/);
    const cookie = setCookie.split(';')[0]!;
    expect((await hub.api('/maps/main-1.svg', { cookie })).status).toBe(200);
    expect((await hub.api('/maps/main-1.svg', { cookie: 'muster_device_main-1-east=main-1-east.guessed' })).status).toBe(401);
    // The single cookie of hubs before one cookie per screen still works until the screen asks again.
    expect((await hub.api('/maps/main-1.svg', { cookie: `muster_device=main-1-east.${screenToken('main-1-east')}` })).status).toBe(200);
    expect((await hub.api('/maps/main-1.svg', { cookie: 'muster_device=main-1-east.guessed' })).status).toBe(401);
  });

  it('are served to each screen of a browser profile running several, with a cookie per screen, whichever is unpaired', async () => {
    // One profile, three screens: each trades its token for a cookie of its own; the last does not replace the others.
    const cookies: string[] = [];
    for (const screenId of ['annex-hall', 'main-2-east', 'front-office']) {
      const response = await fetch(`${hub.origin}/api/screens/session`, {
        method: 'POST',
        headers: { Origin: hub.origin, 'Content-Type': 'application/json', Cookie: `muster_device=annex-hall.${screenToken('annex-hall')}` },
        body: JSON.stringify({ screenId, token: screenToken(screenId) }),
      });
      expect(response.status).toBe(200);
      const set = response.headers.getSetCookie();
      cookies.push(set.find((c) => c.startsWith(`muster_device_${screenId}=`))!.split(';')[0]!);
      // The old single cookie is removed, so it cannot speak for a screen that is later unpaired.
      expect(set.find((c) => c.startsWith('muster_device='))).toMatch(/Max-Age=0/i);
    }
    const profile = cookies.join('; ');
    expect((await hub.api('/maps/annex-1.svg', { cookie: profile })).status).toBe(200);

    // The screen that asked last is unpaired: the other two still read their maps.
    expect((await hub.api('/api/screens/front-office/pairing', { method: 'DELETE', cookie: admin })).status).toBe(200);
    expect((await hub.api('/maps/annex-1.svg', { cookie: profile })).status).toBe(200);
    expect((await hub.api('/maps/main-2.svg', { cookie: cookies[1] })).status).toBe(200);
    // Strict still: the unpaired screen's cookie alone reads nothing, and asking again removes it.
    expect((await hub.api('/maps/main-1.svg', { cookie: cookies[2] })).status).toBe(401);
    const again = await fetch(`${hub.origin}/api/screens/session`, {
      method: 'POST',
      headers: { Origin: hub.origin, 'Content-Type': 'application/json', Cookie: profile },
      body: JSON.stringify({ screenId: 'front-office', token: screenToken('front-office') }),
    });
    expect(again.status).toBe(401);
    expect(again.headers.getSetCookie().find((c) => c.startsWith('muster_device_front-office='))).toMatch(/Max-Age=0/i);

    // All of the profile's screens unpaired: nothing.
    expect((await hub.api('/api/screens/annex-hall/pairing', { method: 'DELETE', cookie: admin })).status).toBe(200);
    expect((await hub.api('/api/screens/main-2-east/pairing', { method: 'DELETE', cookie: admin })).status).toBe(200);
    expect((await hub.api('/maps/annex-1.svg', { cookie: profile })).status).toBe(401);
  });
});

describe('a flood of pairing requests (issue 11, F10)', () => {
  /** A screen asking for a code from another address on this machine (all of 127.0.0.0/8 is loopback). */
  async function pairRequestFrom(localAddress: string): Promise<TestSocket> {
    const socket = new TestSocket(new WebSocket(`${hub.origin.replace(/^http/, 'ws')}/ws`, { headers: { Origin: hub.origin }, localAddress }));
    await socket.opened;
    socket.send({ type: 'pair-request', protocol: PROTOCOL_VERSION, build: 'test' });
    return socket;
  }

  it('gives one address only its share of codes, so a real new screen elsewhere is still offered one', { timeout: 120_000 }, async () => {
    const flood: TestSocket[] = [];
    for (let i = 0; i < 500; i++) flood.push(await pairRequestFrom('127.0.0.1'));
    const answers = await Promise.all(flood.map((socket) => socket.next('pairing-code').then(() => 'code', () => socket.messages.find((m) => m.type === 'error'))));
    const codes = answers.filter((answer) => answer === 'code').length;
    expect(codes).toBeGreaterThan(0);
    expect(codes).toBeLessThanOrEqual(20);
    const refused = flood.find((socket) => socket.closeCode !== null)!;
    expect(await refused.closed).toBe(CLOSE_CODES.tooManyMessages);
    expect(answers).toContainEqual(expect.objectContaining({ code: 'rate_limited', message: expect.stringMatching(/at this network address/) }));

    const realScreen = await pairRequestFrom('127.0.0.2');
    const { code } = await realScreen.next('pairing-code');
    const paired = await hub.api('/api/screens/pair', { cookie: admin, body: { code, ...library, name: 'Gym office' } });
    expect(paired.status).toBe(200);
    expect((await realScreen.next('paired')).screenId).toBe(paired.body.screen.id);
    for (const socket of flood) socket.close();
  });
});

async function readAudit(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(`${hub.dataDir}/audit.jsonl`, 'utf8');
}
