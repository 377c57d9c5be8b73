// Turns a self-contained HTML page into a PDF with headless Chromium (puppeteer-core). One browser, started on
// first use and kept; pages run without JavaScript; a few renders at a time so printing cannot starve the hub.
import type { Browser } from 'puppeteer-core';
import { ApiError } from '../api-error.ts';
import { HEADLESS_CHROMIUM_ARGS, findChromium } from './chromium.ts';

const MAX_PARALLEL_RENDERS = 2;
const RENDER_TIMEOUT_MS = 20_000;

export class PdfRenderer {
  #browser: Promise<Browser> | null = null;
  #running = 0;

  async render(page: string): Promise<Uint8Array> {
    if (this.#running >= MAX_PARALLEL_RENDERS) throw new ApiError('rate_limited', 'Diagrams are being printed already; try again in a moment.');
    this.#running += 1;
    try {
      const browser = await this.#launch();
      const tab = await browser.newPage();
      try {
        await tab.setJavaScriptEnabled(false);
        await tab.setContent(page, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
        return await tab.pdf({ printBackground: true, preferCSSPageSize: true, timeout: RENDER_TIMEOUT_MS });
      } finally {
        await tab.close().catch(() => undefined);
      }
    } finally {
      this.#running -= 1;
    }
  }

  async close(): Promise<void> {
    const browser = this.#browser;
    this.#browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }

  #launch(): Promise<Browser> {
    if (!this.#browser) {
      const executablePath = findChromium();
      if (!executablePath) {
        throw new ApiError('unavailable', 'Printing diagrams needs Chromium on the hub: install the chromium package or set PUPPETEER_EXECUTABLE_PATH.');
      }
      // Loaded on first print, so the hub starts without it.
      this.#browser = import('puppeteer-core').then(({ default: puppeteer }) => puppeteer.launch({ executablePath, headless: true, args: HEADLESS_CHROMIUM_ARGS }));
      // A browser that failed to start is forgotten, so the next request tries again.
      this.#browser.catch(() => (this.#browser = null));
    }
    return this.#browser;
  }
}
