// Launches Debian's Chromium (or PUPPETEER_EXECUTABLE_PATH) for end-to-end tests; see scripts/ensure-chromium.mjs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Target } from 'puppeteer-core';
import { HEADLESS_CHROMIUM_ARGS, findChromium } from '../../hub/diagrams/chromium.ts';

export function chromiumPath(): string {
  const path = findChromium();
  if (!path) throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs` or set PUPPETEER_EXECUTABLE_PATH.');
  return path;
}

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** `serviceWorkersUnwatched`: do not attach DevTools to service workers. Chromium never lets an attached worker go
 * idle, and a new version that was told to skip waiting replaces the old one only once that is idle.
 * `args`: more Chromium flags (a kiosk's, such as its autoplay policy). */
export async function launchBrowser(options: { serviceWorkersUnwatched?: boolean; args?: string[] } = {}): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'muster-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    userDataDir,
    ...(options.serviceWorkersUnwatched ? { targetFilter: (target: Target) => target.type() !== 'service_worker' } : {}),
    args: [
      ...HEADLESS_CHROMIUM_ARGS,
      // Screens are unattended: timers and animation frames must not be throttled in the background.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      ...(options.args ?? []),
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
