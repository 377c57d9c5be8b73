// In-page watch for the browser section: the moment a wall screen has painted each new state it shows, and whether
// that was the first frame after the modes-changed message that brought it. Installed before the app's own scripts;
// every report is pushed to the bench through a DevTools binding (nothing polls the page).
import type { Page } from 'puppeteer-core';
import { withTimeout } from './deadline.ts';

export interface PaintReport {
  /** The state seq <muster-screen> reflects (data-seq) and what it shows (data-mode, data-drill). */
  seq: number;
  mode: string;
  drill: boolean;
  /** After the frame that painted it, in epoch ms (performance.timeOrigin + performance.now(), high resolution). */
  paintedAt: number;
  /** That frame's time (the argument its requestAnimationFrame callbacks got). */
  paintFrame: number;
  /** When the page's code got the modes-changed message with this seq, epoch ms; null when no message brought it. */
  messageAt: number | null;
  /** The first frame after that message (its requestAnimationFrame time). */
  messageFrame: number | null;
}

const BINDING = 'musterBenchPainted';

/**
 * The script each screen page runs before its own. A string rather than a function: tsx compiles the bench with
 * esbuild's keepNames, which wraps named functions in a `__name()` helper the page does not have.
 *
 * "Painted" is what the screen itself means by it when it sends its render receipt (screen-link-controller.ts
 * afterPaint): the next animation frame after the render, then one task later, i.e. after that frame's style, layout
 * and paint. The render is seen through <muster-screen>'s data-seq, which its updated() sets right after each render.
 * The message listener is added when the socket is made, so it runs before the app's own and its animation frame
 * request comes first: a render in the same task lands in the same frame, and both callbacks get the same frame time.
 */
const PAGE_SCRIPT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const messages = new Map();
  window.WebSocket = new Proxy(window.WebSocket, {
    construct(target, args) {
      const socket = Reflect.construct(target, args);
      socket.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.includes('"modes-changed"')) return;
        const message = JSON.parse(event.data);
        if (message.type !== 'modes-changed') return;
        const entry = { at: now(), frame: null };
        messages.set(message.seq, entry);
        requestAnimationFrame((frame) => { entry.frame = frame; });
      });
      return socket;
    },
  });
  let lastSeq = null;
  new MutationObserver((records) => {
    const screen = records.map((record) => record.target).find((target) => target.localName === 'muster-screen');
    const seqText = screen && screen.getAttribute('data-seq');
    if (!seqText || seqText === lastSeq) return;
    lastSeq = seqText;
    const seq = Number(seqText);
    const mode = screen.getAttribute('data-mode');
    const drill = screen.getAttribute('data-drill') === 'true';
    requestAnimationFrame((paintFrame) => setTimeout(() => {
      const message = messages.get(seq);
      messages.delete(seq);
      window.${BINDING}({ seq, mode, drill, paintedAt: now(), paintFrame, messageAt: message ? message.at : null, messageFrame: message ? message.frame : null });
    }, 0));
  }).observe(document, { subtree: true, attributeFilter: ['data-seq'] });
})();`;

/** What one screen page has painted, by seq; a report that comes before anyone waits for it is kept. */
export class PaintWatch {
  readonly #reports = new Map<number, PaintReport>();
  readonly #waiting = new Map<number, (report: PaintReport) => void>();

  private constructor(readonly screenId: string) {}

  /** Install the watch in `page`; call before the page loads the screen. */
  static async install(page: Page, screenId: string): Promise<PaintWatch> {
    const watch = new PaintWatch(screenId);
    await page.exposeFunction(BINDING, (report: PaintReport) => watch.#received(report));
    await page.evaluateOnNewDocument(PAGE_SCRIPT);
    return watch;
  }

  #received(report: PaintReport): void {
    this.#reports.set(report.seq, report);
    this.#waiting.get(report.seq)?.(report);
    this.#waiting.delete(report.seq);
  }

  /** The report for `seq`, once the page has painted it. */
  painted(seq: number, timeoutMs: number): Promise<PaintReport> {
    const known = this.#reports.get(seq);
    if (known) return Promise.resolve(known);
    const report = new Promise<PaintReport>((resolve) => this.#waiting.set(seq, resolve));
    return withTimeout(report, timeoutMs, `screen ${this.screenId} to paint seq ${seq}`);
  }
}
