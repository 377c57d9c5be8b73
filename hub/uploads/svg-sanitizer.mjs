// Uploaded SVGs made safe, on the upload-check thread (see upload-checks.ts; plain JavaScript, because that thread
// loads it with no TypeScript loader). svg-reader.mjs reads the file as XML, the way screens read it, refusing shapes
// that would make the work explode and leaving out every reference that leaves the file (http:, javascript:, other
// files, CSS that fetches or hides behind escapes); DOMPurify's SVG profile, on jsdom, then removes scripts, event
// handlers, foreignObject and everything that is not SVG. What is left is written out as standalone XML.
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { readSvg, SvgRefusedError } from './svg-reader.mjs';

const { window } = new JSDOM('');
const purify = createDOMPurify(window);
const serializer = new window.XMLSerializer();

/** @param {{ element?: Node | null, attribute?: Attr | null, from?: Node | null }} entry */
function describeRemoval(entry) {
  // Namespace declarations are written again by the serializer where they are needed: nothing of the drawing went.
  if (entry.attribute) return entry.attribute.name.startsWith('xmlns') ? null : `the ${entry.attribute.name} attribute on <${entry.from?.nodeName ?? '?'}>`;
  return `<${entry.element?.nodeName ?? '?'}>`;
}

/** @param {Element} svg */
function sizeOf(svg) {
  const viewBox = svg.getAttribute('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (viewBox?.length === 4 && viewBox.every(Number.isFinite) && viewBox[2] > 0 && viewBox[3] > 0) {
    return { width: viewBox[2], height: viewBox[3] };
  }
  const width = Number.parseFloat(svg.getAttribute('width') ?? '');
  const height = Number.parseFloat(svg.getAttribute('height') ?? '');
  return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * Sanitise an uploaded SVG, or say in words why it cannot be used.
 * @param {string} text
 * @returns {{ svg: string, removed: string[], size: { width: number, height: number } | null } | { refused: string }}
 */
export function sanitizeSvgMarkup(text) {
  let read;
  try {
    read = readSvg(text, window.document);
  } catch (error) {
    if (error instanceof SvgRefusedError) return { refused: error.message };
    // The DOM refused a name saxes let through (a reserved prefix, say): the file is malformed, not the hub.
    if (error instanceof window.DOMException) return { refused: `It could not be read (${error.message.slice(0, 200)}).` };
    throw error;
  }
  const { svg } = read;
  purify.sanitize(svg, {
    IN_PLACE: true,
    USE_PROFILES: { svg: true, svgFilters: true },
    // CAD exports draw doors and symbols with <use>; the reader keeps its references inside the file.
    ADD_TAGS: ['use'],
    // Nothing on a map runs, embeds another document, or moves (an animation can rewrite a link).
    FORBID_TAGS: ['foreignObject', 'script', 'iframe', 'embed', 'object', 'audio', 'video', 'animate', 'set', 'animateMotion', 'animateTransform', 'animateColor', 'discard'],
  });
  const removed = [...read.removed, ...purify.removed.map(describeRemoval).filter((what) => what !== null)];
  return { svg: serializer.serializeToString(svg), removed: [...new Set(removed)], size: sizeOf(svg) };
}
