// Launches Debian's Chromium (or PUPPETEER_EXECUTABLE_PATH) for end-to-end tests; see scripts/ensure-chromium.mjs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
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

export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'muster-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    userDataDir,
    args: [
      ...HEADLESS_CHROMIUM_ARGS,
      // Screens are unattended: timers and animation frames must not be throttled in the background.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
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
