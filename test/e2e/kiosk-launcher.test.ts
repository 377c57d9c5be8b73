// The kiosk launcher (config/kiosk/) on a Debian machine, as the README tells a school to set it up: the one line the
// hub prints installs it (trusting the hub's authority only after checking its hash), and the launcher keeps a
// headless Chromium on the screen reached by host name over HTTPS: it brings the screen back from Chromium's error
// page once the hub answers, and starts Chromium again when it dies, which then shows the last mode from its cache
// even with the hub down.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATIC_ROOT } from '../../hub/server.ts';
import { chromiumPath } from '../helpers/browser.ts';
import { screenPath } from '../helpers/hub.ts';
import { inScreen, waitForScreen } from '../helpers/pages.ts';
import { SCHOOL_HOST, kioskHome, startSchoolHub, type SchoolHub } from '../helpers/school-network.ts';

// Never execFileSync a command that talks to the hub: the hub runs in this process and would never answer.
const run = promisify(execFile);

let school: SchoolHub;
let home: string;
let debugPort: number;
let launcher: ChildProcess | null = null;
let launcherLog = '';
let devtools: Browser | null = null;
const state = () => join(home, '.local', 'state', 'muster-kiosk');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Polls `check` until it returns something, or fails after `ms`. */
async function eventually<T>(what: string, check: () => Promise<T | null | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; launcher log:\n${launcherLog}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The pages Chromium shows, from the same DevTools list the launcher reads. */
async function pageTargets(): Promise<{ id: string; url: string; title: string; type: string }[]> {
  const response = await fetch(`http://127.0.0.1:${debugPort}/json/list`);
  return ((await response.json()) as { id: string; url: string; title: string; type: string }[]).filter((target) => target.type === 'page');
}

/** Connects to the kiosk's Chromium and finds the page showing the screen. */
async function kioskScreen(): Promise<Page> {
  await devtools?.disconnect().catch(() => {});
  devtools = await eventually('Chromium DevTools', () => puppeteer.connect({ browserURL: `http://127.0.0.1:${debugPort}`, defaultViewport: null }));
  return eventually('the screen page', async () => {
    for (const page of await devtools!.pages()) {
      if (page.url().startsWith(school.networkUrl) && (await page.$('muster-screen'))) return page;
    }
    return null;
  });
}

/** waitForScreen, failing with what the screen showed and what the launcher said. */
async function screenShows(page: Page, want: Record<string, string>, timeout: number): Promise<void> {
  await waitForScreen(page, want, timeout).catch(async (error: Error) => {
    const shown = await page.$eval('muster-screen', (el) => [...el.attributes].map((a) => `${a.name}=${a.value}`).join(' ')).catch(() => 'no muster-screen');
    throw new Error(`${error.message}; the screen showed ${shown} at ${page.url()}; launcher log:\n${launcherLog}`);
  });
}

const chromiumPid = async () => Number((await readFile(join(state(), 'chromium.pid'), 'utf8')).trim());

beforeAll(async () => {
  if (!existsSync(STATIC_ROOT)) throw new Error(`${STATIC_ROOT} is missing: npm test runs \`npm run build\` first.`);
  school = await startSchoolHub();
  home = await kioskHome(null);
  debugPort = await freePort();
  // The school's DNS, for curl: the hub's name is this machine. (Chromium gets --host-resolver-rules.)
  await mkdir(join(home, 'bin'));
  await writeFile(join(home, 'bin', 'curl'), `#!/bin/sh\nexec /usr/bin/curl --resolve ${SCHOOL_HOST}:${school.httpsPort}:127.0.0.1 "$@"\n`);
  await chmod(join(home, 'bin', 'curl'), 0o755);
});

afterAll(async () => {
  await devtools?.disconnect().catch(() => {});
  if (launcher && launcher.exitCode === null) {
    launcher.kill('SIGTERM');
    await new Promise((resolve) => launcher!.once('exit', resolve));
  }
  await school?.dispose();
  if (home) await rm(home, { recursive: true, force: true });
});

const kioskEnv = () => ({ ...process.env, HOME: home, PATH: `${join(home, 'bin')}:${process.env.PATH}`, DISPLAY: '', WAYLAND_DISPLAY: '' });

/** The set-up line from the hub's /kiosk/ page, for a given screen, leaving this machine's system store and desktop alone. */
async function setupCommand(): Promise<string> {
  const page = await (await fetch(`${school.hub.localUrl}/kiosk/`)).text();
  const command = /<pre data-test="kiosk-command">([^<]*)<\/pre>/.exec(page)![1]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  expect(command).toContain(`${school.networkUrl}/ca.crt`);
  return command
    .replace('bash -s -- ', 'bash -s -- --no-system --no-start ')
    .replace(`${school.networkUrl}/screen/`, `'${school.networkUrl}${screenPath('main-1-east')}'`);
}

describe('setting up a kiosk with the line the hub prints', () => {
  it('refuses an authority whose hash does not match, and installs nothing', async () => {
    const tampered = (await setupCommand()).replace(/echo "([0-9a-f]{64})/, (_, hash: string) => `echo "${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`);
    await expect(run('bash', ['-c', tampered], { cwd: home, env: kioskEnv() })).rejects.toMatchObject({ stderr: expect.stringMatching(/checksum did NOT match/) });
    expect(existsSync(join(home, '.local', 'bin', 'muster-kiosk'))).toBe(false);
  });

  it("trusts the hub's authority in Chromium's store and installs the launcher, its service and its autostart entry", async () => {
    const { stdout: output } = await run('bash', ['-c', await setupCommand()], { cwd: home, env: kioskEnv() });
    expect(output).toMatch(/Chromium's store .* trusts the hub's authority/);
    const trusted = execFileSync('certutil', ['-d', `sql:${join(home, '.pki', 'nssdb')}`, '-L'], { encoding: 'utf8' });
    expect(trusted).toMatch(new RegExp(`Muster hub ${SCHOOL_HOST.replace(/\./g, '\\.')}\\s+C,,`));
    const launcherFile = join(home, '.local', 'bin', 'muster-kiosk');
    expect(await readFile(launcherFile, 'utf8')).toBe(await readFile('config/kiosk/muster-kiosk', 'utf8'));
    expect((await stat(launcherFile)).mode & 0o777).toBe(0o755);
    expect(await readFile(join(home, '.config', 'systemd', 'user', 'muster-kiosk.service'), 'utf8')).toContain('Restart=always');
    expect(await readFile(join(home, '.config', 'autostart', 'muster-kiosk.desktop'), 'utf8')).toContain(`Exec=${launcherFile} --session`);
    expect(await readFile(join(home, '.config', 'muster-kiosk', 'kiosk.env'), 'utf8')).toContain(`MUSTER_KIOSK_URL="${school.networkUrl}${screenPath('main-1-east')}"`);
    expect(await readFile(join(state(), 'ca.crt'), 'utf8')).toBe(await readFile(school.caPath, 'utf8'));
  });
});

describe('the kiosk launcher', () => {
  it("brings the screen back from Chromium's error page once the hub answers again", async () => {
    // A first start with the hub unreachable: nothing is cached yet, so Chromium shows its error page.
    await school.stop();
    launcher = spawn(join(home, '.local', 'bin', 'muster-kiosk'), [], {
      env: {
        ...kioskEnv(),
        MUSTER_KIOSK_CHROMIUM: chromiumPath(),
        MUSTER_KIOSK_DEBUG_PORT: String(debugPort),
        MUSTER_KIOSK_CHECK_SECONDS: '1',
        MUSTER_KIOSK_EXTRA_FLAGS: ['--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1280,720', `--host-resolver-rules=MAP ${SCHOOL_HOST} 127.0.0.1`].join('\n'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher.stdout!.on('data', (chunk: Buffer) => (launcherLog += chunk.toString()));
    launcher.stderr!.on('data', (chunk: Buffer) => (launcherLog += chunk.toString()));
    await eventually('the error page', async () => (await pageTargets()).find((target) => target.title === SCHOOL_HOST));
    // Long enough for Chromium's own retries to back off to 30 s: what brings the screen back below is the launcher.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect((await pageTargets()).some((target) => target.title === SCHOOL_HOST)).toBe(true);

    await school.start();
    const screen = await kioskScreen();
    await screenShows(screen, { mode: 'normal', connection: 'open' }, 20_000);
    expect(launcherLog).toMatch(/the screen showed Chromium's error page and the hub answers again: opened https:\/\/muster\.school\.test:\d+\/screen\/\?id=main-1-east afresh/);
    expect((await pageTargets()).filter((target) => target.title === SCHOOL_HOST)).toEqual([]);
    await screen.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 15_000 });
  });

  it('starts Chromium again when it crashes', async () => {
    const before = await chromiumPid();
    await devtools!.disconnect();
    devtools = null;
    process.kill(before, 'SIGKILL');
    await eventually('a new Chromium', async () => (await chromiumPid()) !== before && (await pageTargets()).length > 0);
    expect(launcherLog).toMatch(/Chromium exited \(status 137\)/);
    await screenShows(await kioskScreen(), { mode: 'normal', connection: 'open' }, 20_000);
  });

  it('shows the last mode from its cache when Chromium starts again with the hub down, as after a reboot', { timeout: 150_000 }, async () => {
    const { status } = await school.api('/api/modes', { mode: 'lockdown', scope: { kind: 'site' }, drill: true });
    expect(status).toBe(200);
    await screenShows(await kioskScreen(), { mode: 'lockdown', drill: 'true' }, 10_000);
    await devtools!.disconnect();
    devtools = null;
    // No wait here: the screen keeps its state in IndexedDB in strict-durability transactions, which reach the disk
    // before they complete (display/screen/screen-state-store.ts); localStorage, which Chromium writes late, lost it.
    await school.stop();
    // A shutdown or reboot stops Chromium with SIGTERM; the launcher starts it again (systemd does on the next boot).
    const before = await chromiumPid();
    process.kill(before, 'SIGTERM');
    await eventually('a new Chromium', async () => (await chromiumPid()) !== before && (await pageTargets()).length > 0);
    const screen = await kioskScreen();
    await screenShows(screen, { mode: 'lockdown', drill: 'true' }, 20_000);
    expect(new URL(screen.url()).host).toBe(`${SCHOOL_HOST}:${school.httpsPort}`);
    await screen.waitForSelector(inScreen('offline-notice'), { timeout: 15_000 });
    await screen.screenshot({ path: join(tmpdir(), 'muster-kiosk-launcher-hub-down.png') });
  });

  it('takes the All Clear once the hub is back, and stops cleanly', async () => {
    await school.start();
    const screen = await kioskScreen();
    await screenShows(screen, { mode: 'lockdown', connection: 'open' }, 40_000);
    expect((await school.api('/api/all-clear', { scope: { kind: 'site' }, drill: true })).status).toBe(200);
    await screenShows(screen, { mode: 'normal' }, 10_000);
    await devtools!.disconnect();
    devtools = null;

    const pid = await chromiumPid();
    launcher!.kill('SIGTERM');
    const code = await new Promise((resolve) => launcher!.once('exit', resolve));
    expect(code).toBe(0);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
