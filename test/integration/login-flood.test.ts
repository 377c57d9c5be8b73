// Password guessing can neither slip past the throttle by arriving all at once, nor lock the office out of its own
// console, nor keep a Lockdown waiting: tries count as they start, an account's lock spares devices that logged in
// to it before, and hashing is bounded (the excess is refused at once) and off the event loop and the disk's pool.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORDS, startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let office: string;

beforeAll(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
});

afterAll(async () => {
  await hub?.dispose();
});

interface Reply {
  status: number;
  body: { error?: { code: string; message: string } };
  cookies: string[];
  retryAfter: string | undefined;
}

/** A request from a given loopback address (the whole of 127.0.0.0/8 is this machine), as another computer. */
function post(path: string, body: unknown, from: string, cookie = ''): Promise<Reply> {
  const url = new URL(path, hub.origin);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress: from, headers: { Origin: hub.origin, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), Cookie: cookie } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!), retryAfter: res.headers['retry-after'] }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const login = (username: string, password: string, from: string, cookie = '') => post('/api/session', { username, password }, from, cookie);

describe('password guessing', () => {
  it('never gets more tries checked than the limit, however many arrive at once', async () => {
    const guesses = Array.from({ length: 60 }, (_, i) => login('viewer', `wrong-${i}`, '127.0.1.1'));
    const right = login('viewer', PASSWORDS.viewer, '127.0.1.1');
    const replies = await Promise.all([...guesses, right]);
    const checked = replies.filter((r) => r.status === 401 || r.status === 200);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(replies.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(56);
    expect(replies.every((r) => [200, 401, 429].includes(r.status))).toBe(true);
  });

  it('cannot lock the office out of a computer that has logged in before, and says why to one that has not', async () => {
    const frontDesk = await login('office', PASSWORDS.office, '127.0.2.1');
    expect(frontDesk.status).toBe(200);
    const known = frontDesk.cookies.find((c) => c.startsWith('muster_known_device='))!;
    expect(known).toBeDefined();
    // Someone guesses the office's password from five other computers, one try each.
    for (let i = 0; i < 5; i++) expect((await login('office', `guess-${i}`, `127.0.3.${i + 1}`)).status).toBe(401);
    const stranger = await login('office', PASSWORDS.office, '127.0.4.1');
    expect(stranger.status).toBe(429);
    expect(Number(stranger.retryAfter)).toBeGreaterThan(0);
    expect(stranger.body.error!.message).toMatch(/^Logins as office are paused for \d+ seconds after repeated wrong passwords\. A computer that has logged in as office before can still log in\.$/);
    // The front desk, with its cookie, still gets in; and its right password does not reopen the account to the guesser.
    expect((await login('office', PASSWORDS.office, '127.0.2.1', known)).status).toBe(200);
    expect((await login('office', 'guess-9', '127.0.3.9')).status).toBe(429);
    // Another account's cookie, or a forged one, is no key.
    expect((await login('office', PASSWORDS.office, '127.0.4.2', known.replace(/\.[^.]+$/, '.forged'))).status).toBe(429);
  });

  it('lets a Lockdown through a flood of 200 bad logins from 200 addresses, refusing the excess at once', async () => {
    // A different name each time, as a password sprayer would: no account lock stops it, only the bound on hashing.
    const flood = Array.from({ length: 200 }, (_, i) => login(`user-${i}`, `flood-${i}`, `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`));
    const lockdown = hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    const [started, ...replies] = await Promise.all([lockdown, ...flood]);
    expect(started.status).toBe(200);
    const busy = replies.filter((r) => r.status === 429 && r.body.error?.code === 'rate_limited');
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((r) => Number(r.retryAfter) > 0)).toBe(true);
    expect(busy[0]!.body.error!.message).toBe('The hub is checking many passwords right now. Try again in a few seconds.');
    expect(replies.every((r) => [401, 429].includes(r.status))).toBe(true);
    expect((await hub.api('/api/all-clear', { method: 'POST', cookie: office, body: { scope: { kind: 'site' }, drill: true } })).status).toBe(200);
  });
});
