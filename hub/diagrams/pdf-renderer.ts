// Turns a self-contained HTML page into a PDF with headless Chromium (puppeteer-core): evacuation diagrams,
// after-action reports, the drill compliance log. One browser, started on first use and kept, in its own process, so
// the hub's event loop only waits on it; pages run without JavaScript; a few renders at a time so printing cannot
// starve the hub.
import type { Browser } from 'puppeteer-core';
import { ApiError } from '../api-error.ts';
import { HEADLESS_CHROMIUM_ARGS, findChromium } from './chromium.ts';

const MAX_PARALLEL_RENDERS = 2;
const RENDER_TIMEOUT_MS = 20_000;

export class PdfRenderer {
  #browser: Promise<Browser> | null = null;
  #running = 0;

  /**
   * `footer`: a line printed at the foot of every page, followed by "Page n of m" (for documents of several pages);
   * plain text, escaped here. The page's CSS leaves room for it in its bottom margin.
   */
  async render(page: string, options: { footer?: string } = {}): Promise<Uint8Array> {
    if (this.#running >= MAX_PARALLEL_RENDERS) throw new ApiError('rate_limited', 'Other documents are being printed right now; try again in a moment.');
    this.#running += 1;
    try {
      const browser = await this.#launch();
      const tab = await browser.newPage();
      try {
        await tab.setJavaScriptEnabled(false);
        await tab.setContent(page, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
        return await tab.pdf({ printBackground: true, preferCSSPageSize: true, timeout: RENDER_TIMEOUT_MS, ...(options.footer !== undefined ? footerOptions(options.footer) : {}) });
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
        throw new ApiError('unavailable', 'Printing needs Chromium on the hub: install the chromium package or set PUPPETEER_EXECUTABLE_PATH.');
      }
      // Loaded on first print, so the hub starts without it.
      this.#browser = import('puppeteer-core').then(({ default: puppeteer }) => puppeteer.launch({ executablePath, headless: true, args: HEADLESS_CHROMIUM_ARGS }));
      // A browser that failed to start is forgotten, so the next request tries again.
      this.#browser.catch(() => (this.#browser = null));
    }
    return this.#browser;
  }
}

/** Chromium fills the spans classed pageNumber and totalPages in itself; the template is not the page, so no script runs. */
function footerOptions(footer: string) {
  const text = footer.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: `<div style="width:100%;margin:0 0.6in;font:8pt 'DejaVu Sans',Arial,sans-serif;color:#475569;display:flex;justify-content:space-between"><span>${text}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}
