// Tones in real Chromium: a kiosk screen (launched with the kiosk launcher's autoplay flag) says it can sound, sounds
// the Lockdown tone once when the Lockdown starts (not again for a change that leaves it in Lockdown, nor after a
// reload) and the All Clear's once; a screen set to stay silent sounds nothing and says 'off'; a screen in a browser
// with Chromium's default autoplay policy is blocked, says so in the admin console's screen list, and sounds nothing
// until someone touches it.
//
// What was played is observed in the page twice over: the screen's own `muster-tone` event, and every oscillator the
// page started (OscillatorNode.prototype.start, wrapped before the app loads), with the AudioContext's clock seen
// running past the last note's end.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../hub/config.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { byTest, logInToConsole, waitForScreen } from '../helpers/pages.ts';

const AUTOPLAY_FLAG = '--autoplay-policy=no-user-gesture-required';

let hub: TestHub;
let office: string;
const browsers: TestBrowser[] = [];
let kiosk: Page;
let silent: Page;
let blocked: Page;
let admin: Page;

/** Records the tones the screen says it sounded and the oscillators the page really started. */
function recordAudio(page: Page): Promise<unknown> {
  return page.evaluateOnNewDocument(() => {
    const seen = { tones: [] as unknown[], oscillators: [] as { stop: number }[], contexts: [] as BaseAudioContext[] };
    Object.assign(window, { __audio: seen });
    document.addEventListener('muster-tone', (event) => seen.tones.push((event as CustomEvent).detail));
    const start = OscillatorNode.prototype.start;
    const stop = OscillatorNode.prototype.stop;
    OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
      seen.oscillators.push({ stop: Number.NaN });
      if (!seen.contexts.includes(this.context)) seen.contexts.push(this.context);
      return start.call(this, when);
    };
    OscillatorNode.prototype.stop = function (this: OscillatorNode, when?: number) {
      seen.oscillators.at(-1)!.stop = when ?? this.context.currentTime;
      return stop.call(this, when);
    };
  });
}

/**
 * What the screen reflects (data-connection, data-sound), read without a user gesture: puppeteer's evaluate and
 * waitForFunction run as one, and a page that has had a gesture may start audio whatever the browser's policy. Read
 * this way, 'ok' is the kiosk flag's doing and 'blocked' is Chromium's default autoplay policy, as on a real kiosk.
 */
async function soundWithoutGesture(page: Page): Promise<string> {
  const session = await page.createCDPSession();
  try {
    const { result } = await session.send('Runtime.evaluate', {
      expression: `(() => { const el = document.querySelector('muster-screen'); return el ? el.dataset.connection + ' ' + el.dataset.sound : 'not loaded'; })()`,
      returnByValue: true,
      userGesture: false,
    });
    return String(result.value);
  } finally {
    await session.detach();
  }
}

const audio = (page: Page) =>
  page.evaluate(() => {
    const seen = (window as unknown as { __audio: { tones: unknown[]; oscillators: { stop: number }[]; contexts: BaseAudioContext[] } }).__audio;
    return { tones: seen.tones, oscillators: seen.oscillators.length, lastStop: Math.max(0, ...seen.oscillators.map((o) => o.stop)) };
  });

/** The clock of the page's audio ran past the end of the last note: the tone was rendered, not just scheduled (a
 * context that never ran, as a blocked one, stays at 0). */
const renderedThrough = (page: Page, time: number) =>
  page.waitForFunction(
    (until) => (window as unknown as { __audio: { contexts: BaseAudioContext[] } }).__audio.contexts.some((c) => c.currentTime > until),
    // Polled by time: a page in a background tab gets no animation frames.
    { timeout: 15_000, polling: 100 },
    time,
  );

const rowText = (screenId: string) => admin.$eval(byTest(`screen-row-${screenId}`), (row) => row.textContent ?? '').catch(() => '');

beforeAll(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
  const kioskBrowser = await launchBrowser({ args: [AUTOPLAY_FLAG] });
  browsers.push(kioskBrowser);
  const plainBrowser = await launchBrowser();
  browsers.push(plainBrowser);
  const adminBrowser = await launchBrowser();
  browsers.push(adminBrowser);
  kiosk = await kioskBrowser.browser.newPage();
  silent = await kioskBrowser.browser.newPage();
  blocked = await plainBrowser.browser.newPage();
  admin = await adminBrowser.browser.newPage();
  for (const page of [kiosk, silent, blocked]) {
    await page.setViewport({ width: 1280, height: 720 });
    await recordAudio(page);
  }
  await admin.setViewport({ width: 1400, height: 900 });
});

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await hub?.dispose();
});

describe('tones on wall screens', () => {
  it('the kiosk launcher lets screens play sound without a click', async () => {
    const launcher = await readFile(join(PROJECT_ROOT, 'config/kiosk/muster-kiosk'), 'utf8');
    expect(launcher).toMatch(new RegExp(`^\\s*${AUTOPLAY_FLAG}\\s`, 'm'));
  });

  it('a kiosk screen says it can sound; one whose browser blocks audio says so, and the admin console shows both', async () => {
    await kiosk.goto(`${hub.origin}${screenPath('main-1-east')}`);
    await silent.goto(`${hub.origin}${screenPath('cafeteria')}`);
    await blocked.goto(`${hub.origin}${screenPath('gym')}`);
    await expect.poll(() => soundWithoutGesture(kiosk), { timeout: 30_000 }).toBe('open ok');
    await expect.poll(() => soundWithoutGesture(blocked), { timeout: 30_000 }).toBe('open blocked');
    await waitForScreen(silent, { mode: 'normal', connection: 'open', sound: 'ok' });

    await logInToConsole(admin, hub, 'admin', '/admin/#screens');
    await admin.waitForSelector(byTest('screen-row-gym'));
    await expect.poll(() => rowText('gym'), { timeout: 10_000 }).toContain('Sound blocked — kiosk must allow autoplay');
    await expect.poll(() => rowText('main-1-east'), { timeout: 10_000 }).toContain('Sound on');
  });

  it('a screen the admin turns silent says so, on the screen and in the console', async () => {
    await admin.waitForSelector(byTest('sound-cafeteria'));
    expect(await admin.$eval(byTest('sound-cafeteria'), (b) => b.textContent)).toBe('Mute');
    await admin.click(byTest('sound-cafeteria'));
    await waitForScreen(silent, { sound: 'off' });
    await expect.poll(() => rowText('cafeteria'), { timeout: 10_000 }).toContain('Muted');
    await admin.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Unmute', { timeout: 10_000 }, byTest('sound-cafeteria'));
  });

  it('a Lockdown sounds its tone once on the kiosk screen, none on the silent or blocked one', async () => {
    const started = await hub.api('/api/modes', { cookie: office, body: { mode: 'lockdown', scope: { kind: 'site' }, drill: true } });
    expect(started.status).toBe(200);
    for (const page of [kiosk, silent, blocked]) await waitForScreen(page, { mode: 'lockdown', drill: 'true' });
    // The tone starts once the screen's audio, resting between tones, has woken: just after the paint.
    await expect.poll(async () => (await audio(kiosk)).tones, { timeout: 5_000 }).toEqual([{ tone: 'alarm', mode: 'lockdown' }]);
    const heard = await audio(kiosk);
    expect(heard.oscillators).toBe(16);
    await renderedThrough(kiosk, heard.lastStop);
    expect(await audio(silent)).toMatchObject({ tones: [], oscillators: 0 });
    expect(await audio(blocked)).toMatchObject({ tones: [], oscillators: 0 });
  });

  it('a change that leaves the screen in the same Lockdown, or a reload, sounds nothing', async () => {
    const seq = Number(await kiosk.$eval('muster-screen', (el) => el.getAttribute('data-seq')));
    const marked = await hub.api('/api/hazards', { cookie: office, body: { blocked: true, exitPoiIds: ['exit-east-doors'] } });
    expect(marked.status).toBe(200);
    await waitForScreen(kiosk, { mode: 'lockdown', seq: String(seq + 1) });
    expect((await audio(kiosk)).tones).toHaveLength(1);

    // The page paints its saved Lockdown, then the hub's welcome: once the connection shows open, both are painted.
    await kiosk.reload();
    await waitForScreen(kiosk, { mode: 'lockdown', connection: 'open', sound: 'ok', seq: String(seq + 1) });
    expect(await audio(kiosk)).toMatchObject({ tones: [], oscillators: 0 });
  });

  it('the All Clear sounds its rising chime once', async () => {
    const cleared = await hub.api('/api/all-clear', { cookie: office, body: { scope: { kind: 'site' }, drill: true } });
    expect(cleared.status).toBe(200);
    await waitForScreen(kiosk, { mode: 'normal' });
    await expect.poll(async () => (await audio(kiosk)).tones, { timeout: 5_000 }).toEqual([{ tone: 'rising-chime', mode: 'normal' }]);
    const heard = await audio(kiosk);
    expect(heard.oscillators).toBe(3);
    await renderedThrough(kiosk, heard.lastStop);
    // Then its audio rests (a running context renders silence, at a cost, all the time) and it still says it can sound.
    await kiosk.waitForFunction(() => (window as unknown as { __audio: { contexts: BaseAudioContext[] } }).__audio.contexts.every((c) => c.state === 'suspended'), { timeout: 10_000, polling: 100 });
    expect(await soundWithoutGesture(kiosk)).toBe('open ok');
    await waitForScreen(silent, { mode: 'normal' });
    expect((await audio(silent)).oscillators).toBe(0);
  });

  it('a touch on a blocked screen lets it sound, and the console hears of it', async () => {
    await blocked.bringToFront();
    await blocked.mouse.click(640, 360);
    await waitForScreen(blocked, { sound: 'ok' });
    await expect.poll(() => rowText('gym'), { timeout: 10_000 }).toContain('Sound on');
  });
});
