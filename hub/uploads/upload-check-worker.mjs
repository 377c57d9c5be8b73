// The upload-check thread's entry (see upload-checks.ts): sanitises SVGs and reads image headers, work that can take
// seconds on a hostile file and so never runs on the hub's event loop. Plain JavaScript, because worker threads load
// it directly, with no TypeScript loader, under the hub and under the tests alike.
import { imageSize } from 'image-size';
import { yieldCpuToTheHub } from '../threads/yield-cpu.mjs';
import { sanitizeSvgMarkup } from './svg-sanitizer.mjs';

yieldCpuToTheHub();

/**
 * @param {{ kind: 'svg', bytes: Uint8Array } | { kind: 'image', bytes: Uint8Array }} task
 */
export default function check({ kind, bytes }) {
  if (kind === 'svg') return sanitizeSvgMarkup(new TextDecoder().decode(bytes));
  try {
    const { type, width, height } = imageSize(bytes);
    return { type, width, height };
  } catch {
    // Not an image it can read: the caller says so in words.
    return null;
  }
}
