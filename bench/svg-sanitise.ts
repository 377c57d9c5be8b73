// Section "svg sanitise": how long the hub takes to check a 5 MiB SVG built to make sanitising explode (issue 11,
// F6: a style of repeated url( once took hours), and how long its event loop stalls meanwhile. The checks run on the
// hub's upload-check thread, called here exactly as the upload routes call them, with the loop watched in this
// process. Each hostile shape is measured; the figure is the slowest. Targets: ≤ 1 s, and no stall over 100 ms.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sanitizeSvg } from '../hub/uploads/upload-checks.ts';
import { atMost, type Section, type SectionResult } from './section.ts';
import { ms, round2 } from './stats.ts';

const SIZE = 5 * 1024 * 1024;
const TARGETS = { svg_sanitise_5mib_ms: 1000, svg_sanitise_max_loop_stall_ms: 100 };
const OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000">';
const CLOSE = '</svg>';

/** `unit` repeated to fill 5 MiB between `before` and `after`. */
function filled(before: string, unit: string, after: string): string {
  const room = SIZE - Buffer.byteLength(OPEN + before + after + CLOSE);
  return OPEN + before + unit.repeat(Math.floor(room / unit.length)) + after + CLOSE;
}

/** The hostile shapes, each 5 MiB. */
const HOSTILE: Record<string, () => string> = {
  'style of repeated url(': () => filled('<style>', 'url(', '</style>'),
  'style of internal url(#…) (kept)': () => filled('<style>', 'a{fill:url(#a)}', '</style>'),
  'style attribute of repeated url(': () => filled('<rect style="', 'url(', '"/>'),
  'fill attribute of repeated url(': () => filled('<rect fill="', 'url(', '"/>'),
  'CSS escapes': () => filled('<style>', '@\\69mport \\75rl(', '</style>'),
  'deep nesting': () => filled('', '<g>', ''),
  'many attributes': () => {
    const attributes: string[] = [];
    for (let size = 0, i = 0; size < SIZE - 200; i++) size += attributes[attributes.push(`a${i}="1"`) - 1]!.length + 1;
    return `${OPEN}<rect ${attributes.join(' ')}/>${CLOSE}`;
  },
  'many elements': () => filled('', '<rect/>', ''),
  'all at once': () => {
    const third = Math.floor(SIZE / 3);
    return OPEN + `<style>${'url('.repeat(third / 4)}</style>` + '<g>'.repeat(third / 3) + CLOSE;
  },
};

/** A drawing as large as the checks accept: 20,000 long paths, each with a fill and a stroke, in 5 MiB. */
function largestDrawing(): string {
  const path = (i: number) => `<path id="p${i}" class="st${i % 9}" d="M${i % 997} ${i % 991}${' l3 4 -2 5 6 -1'.repeat(8)}z" fill="url(#hatch)" stroke="#334155"/>`;
  const paths = Array.from({ length: 20_000 }, (_, i) => path(i)).join('');
  return filled(`<defs><pattern id="hatch" width="4" height="4"/></defs><g>${paths}</g><style>`, '.st0{fill:url(#hatch)}', '</style>');
}

async function timed(svg: string): Promise<{ ms: number; outcome: string }> {
  const bytes = new TextEncoder().encode(svg);
  const t0 = performance.now();
  const outcome = await sanitizeSvg(bytes).then(
    (result) => `stored, ${result.removed.length} removals`,
    (error: Error) => `refused: ${error.message.slice(0, 70)}`,
  );
  return { ms: performance.now() - t0, outcome };
}

export const svgSanitiseSection: Section = {
  name: 'svg sanitise: 5 MiB hostile SVGs, checked off the event loop',
  async run(_options, log): Promise<SectionResult> {
    // The thread loads jsdom on first use; a hub pays that once, after a minute idle.
    const warm = await timed(`${OPEN}<rect/>${CLOSE}`);
    log(`first check (starts the thread, loads jsdom): ${ms(warm.ms)}`);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let slowest = 0;
    let stall = 0;
    for (const [shape, make] of Object.entries(HOSTILE)) {
      const svg = make();
      loop.reset();
      loop.enable();
      const { ms: took, outcome } = await timed(svg);
      loop.disable();
      const maxStall = loop.max / 1e6;
      slowest = Math.max(slowest, took);
      stall = Math.max(stall, maxStall);
      log(`${shape.padEnd(34)} ${ms(took).padStart(9)}  loop stall ≤ ${ms(maxStall)}  ${outcome}`);
    }
    const largest = largestDrawing();
    loop.reset();
    loop.enable();
    const drawing = await timed(largest);
    loop.disable();
    stall = Math.max(stall, loop.max / 1e6);
    log(`largest drawing accepted (20,000 paths): ${ms(drawing.ms)}, loop stall ≤ ${ms(loop.max / 1e6)}  ${drawing.outcome}`);
    const figures = {
      svg_sanitise_5mib_ms: round2(slowest),
      svg_sanitise_max_loop_stall_ms: round2(stall),
      svg_sanitise_largest_drawing_ms: round2(drawing.ms),
    };
    return {
      figures,
      targets: [
        atMost('svg_sanitise_5mib_ms', figures.svg_sanitise_5mib_ms, TARGETS.svg_sanitise_5mib_ms),
        atMost('svg_sanitise_max_loop_stall_ms', figures.svg_sanitise_max_loop_stall_ms, TARGETS.svg_sanitise_max_loop_stall_ms),
      ],
    };
  },
};
