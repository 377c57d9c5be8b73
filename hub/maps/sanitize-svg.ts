// Uploaded SVG maps are made safe before they are stored: DOMPurify's SVG profile removes scripts, event
// handlers and foreignObject; a hook removes every reference that leaves the file (http:, javascript:, other
// files), keeping only #fragments and inline raster images. The result is re-serialised as standalone XML.
import type { DOMPurify } from 'dompurify';

const REFERENCE_ATTRIBUTES = new Set(['href', 'xlink:href', 'src']);
const SAFE_REFERENCE = /^(#[\w.:-]*|data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*)$/i;
/** url(...) in styles may only point inside the file. */
const EXTERNAL_URL_IN_STYLE = /url\(\s*(['"]?)(?!#)[^)]*\1\s*\)|@import|expression\(/i;

let removedByHooks: string[] = [];

interface Purifier {
  purify: DOMPurify;
  serialize(node: Node): string;
}

let purifier: Promise<Purifier> | null = null;

/** jsdom takes most of a second to load: only an upload pays for it, never the hub's start. */
function loadPurifier(): Promise<Purifier> {
  purifier ??= (async () => {
    const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([import('jsdom'), import('dompurify')]);
    const { window } = new JSDOM('');
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    addHooks(purify);
    const serializer = new window.XMLSerializer();
    return { purify, serialize: (node) => serializer.serializeToString(node) };
  })();
  return purifier;
}

function addHooks(purify: DOMPurify): void {
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName.toLowerCase();
    if (REFERENCE_ATTRIBUTES.has(name) && !SAFE_REFERENCE.test(data.attrValue.trim())) {
      removedByHooks.push(`a reference to ${JSON.stringify(data.attrValue.slice(0, 80))} on <${node.nodeName.toLowerCase()}>`);
      data.keepAttr = false;
    }
    if (name === 'style' && EXTERNAL_URL_IN_STYLE.test(data.attrValue)) {
      removedByHooks.push(`a style loading something from outside the file on <${node.nodeName.toLowerCase()}>`);
      data.keepAttr = false;
    }
  });

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && EXTERNAL_URL_IN_STYLE.test(node.textContent ?? '')) {
      removedByHooks.push('a <style> block loading something from outside the file');
      node.textContent = '';
    }
  });
}

export interface SanitizedSvg {
  svg: string;
  /** What was taken out, in words for the facility manager. */
  removed: string[];
  /** The view box size (or width/height) in map units; null when the SVG gives none. */
  size: { width: number; height: number } | null;
}

function describeRemoval(entry: { element?: Node | null; attribute?: Attr | null; from?: Node | null }): string {
  if (entry.attribute) return `the ${entry.attribute.name} attribute on <${entry.from?.nodeName.toLowerCase() ?? '?'}>`;
  return `<${entry.element?.nodeName.toLowerCase() ?? '?'}>`;
}

function sizeOf(svg: Element): { width: number; height: number } | null {
  const viewBox = svg.getAttribute('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (viewBox?.length === 4 && viewBox.every(Number.isFinite) && viewBox[2]! > 0 && viewBox[3]! > 0) {
    return { width: viewBox[2]!, height: viewBox[3]! };
  }
  const width = Number.parseFloat(svg.getAttribute('width') ?? '');
  const height = Number.parseFloat(svg.getAttribute('height') ?? '');
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Sanitise an uploaded SVG; null when the text holds no <svg> at all. */
export async function sanitizeSvg(text: string): Promise<SanitizedSvg | null> {
  const { purify, serialize } = await loadPurifier();
  removedByHooks = [];
  const body = purify.sanitize(text, {
    USE_PROFILES: { svg: true, svgFilters: true },
    // CAD exports draw doors and symbols with <use>; the hook above keeps its references inside the file.
    ADD_TAGS: ['use'],
    FORBID_TAGS: ['foreignObject', 'script', 'iframe', 'embed', 'object', 'audio', 'video', 'animate', 'set'],
    RETURN_DOM: true,
  }) as unknown as Element;
  const svg = body.querySelector('svg');
  if (!svg) return null;
  if (!svg.getAttribute('xmlns')) svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // DOMPurify lists the document wrapper it parsed into; that was never part of the upload.
  const wrappers = new Set(['<body>', '<html>', '<head>']);
  const removed = [...purify.removed.map(describeRemoval).filter((what) => !wrappers.has(what)), ...removedByHooks];
  return { svg: serialize(svg), removed: [...new Set(removed)], size: sizeOf(svg) };
}
