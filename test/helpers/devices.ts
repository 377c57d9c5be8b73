// The usual end-to-end set-up: a real hub, a hallway screen (1280 × 720) and a console on a laptop, each in a
// browser of its own, as they are separate devices in a school (a screen in a background tab gets no
// animation frames, so it would never paint or confirm).
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { startTestHub, type TestHub } from './hub.ts';

export interface ScreenAndConsole {
  hub: TestHub;
  screen: Page;
  console: Page;
  close(): Promise<void>;
}

export async function openScreenAndConsole(consoleViewport = { width: 1400, height: 900 }): Promise<ScreenAndConsole> {
  const hub = await startTestHub();
  const browsers: TestBrowser[] = [];
  try {
    browsers.push(await launchBrowser(), await launchBrowser());
    const screen = await browsers[0]!.browser.newPage();
    await screen.setViewport({ width: 1280, height: 720 });
    const console = await browsers[1]!.browser.newPage();
    await console.setViewport(consoleViewport);
    return {
      hub,
      screen,
      console,
      async close() {
        await Promise.all(browsers.map((b) => b.close()));
        await hub.dispose();
      },
    };
  } catch (error) {
    await Promise.all(browsers.map((b) => b.close()));
    await hub.dispose();
    throw error;
  }
}
