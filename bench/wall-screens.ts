// Real wall screens for the browser section: one headless Chromium on this machine, each screen in a browser context
// of its own at 1920 × 1080, running the hub's /screen/ app with the device token hub-process.ts paired it with.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { HEADLESS_CHROMIUM_ARGS } from '../hub/diagrams/chromium.ts';
import { benchScreenToken } from './bench-tokens.ts';
import { onCleanup } from './cleanup.ts';
import { withTimeout } from './deadline.ts';
import { PaintWatch } from './paint-watch.ts';

const LAUNCH_TIMEOUT_MS = 30_000;
const LOAD_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 3000;

export interface WallScreen {
  screenId: string;
  page: Page;
  watch: PaintWatch;
  /** Uncaught errors in the page, as they came. */
  errors: string[];
}

/**
 * Chromium with its profile in `parentDir`, closed (or killed) by the bench's cleanup. Every screen goes in a browser
 * context of its own: headless Chromium gives each context a window, so all screens are visible and get every
 * animation frame, as separate wall screens would. Tabs of one window would not do: the background ones are
 * hidden and get no animation frames at all, whatever the flags (checked). The three throttling flags are those
 * of the end-to-end tests (test/helpers/browser.ts): screens are unattended, their timers must not slow down.
 */
export async function launchChromium(executablePath: string, parentDir: string): Promise<Browser> {
  const userDataDir = await mkdtemp(join(parentDir, 'chromium-'));
  const browser = await withTimeout(
    puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir,
      // run.ts owns the signals: it tears everything down, Chromium included, and then exits.
      handleSIGINT: false,
      handleSIGTERM: false,
      args: [
        ...HEADLESS_CHROMIUM_ARGS,
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
        '--disable-backgrounding-occluded-windows',
        // Loopback only: no host name resolves, so nothing in the browser can reach past 127.0.0.1.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    }),
    LAUNCH_TIMEOUT_MS,
    `Chromium (${executablePath}) to start`,
  );
  onCleanup('Chromium', async () => {
    await withTimeout(browser.close(), CLOSE_TIMEOUT_MS, 'Chromium to close').catch(() => browser.process()?.kill('SIGKILL'));
    await rm(userDataDir, { recursive: true, force: true });
  });
  return browser;
}

/** Open screen `screenId` of the hub at `origin` and wait until it is in contact with the hub. */
export async function openWallScreen(browser: Browser, origin: string, screenId: string): Promise<WallScreen> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push((error as Error).message ?? String(error)));
  const watch = await PaintWatch.install(page, screenId);
  // The token in the fragment, as a paired screen's address has it (it never reaches the server in a request line).
  await page.goto(`${origin}/screen/?id=${encodeURIComponent(screenId)}#token=${benchScreenToken(screenId)}`, { timeout: LOAD_TIMEOUT_MS });
  await page.waitForSelector('muster-screen[data-connection="open"]', { timeout: LOAD_TIMEOUT_MS });
  return { screenId, page, watch, errors };
}
