// What in a stored SVG could still run a script or reach outside the file, found by parsing it the two ways a
// browser may: as an SVG document (how screens and the admin read maps) and inline in an HTML page (where an SVG
// that survives one parser may turn into something else: namespace confusion, mXSS). Used by the upload corpus.
import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
/** Elements that run, embed, navigate, animate a link or restyle from outside: none may be in a stored map. */
const LIVE_ELEMENTS = new Set(
  'script foreignobject iframe frame frameset embed object applet base meta link form handler listener animate set animatemotion animatetransform animatecolor discard img audio video noscript template math'.split(' '),
);
const REFERENCE_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'srcdoc', 'background', 'xml:base']);
const SAFE_REFERENCE = /^(#[\w.:-]*|data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*)$/i;
const SCRIPT_SCHEME = /(javascript|vbscript|livescript):|data:(?!image\/(png|jpeg|gif|webp);base64,)/;

/** Where CSS could fetch or hide what it does. */
function cssDanger(css: string): string | null {
  if (css.includes('\\')) return 'a CSS escape';
  if (/@import|@font-face|@namespace|expression\s*\(|behavior\s*:|-moz-binding|image-set\s*\(/i.test(css)) return 'CSS that fetches or runs';
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]*)/gi)) {
    if (!match[2]!.startsWith('#')) return `url(${match[2]!.slice(0, 40)})`;
  }
  return null;
}

function check(root: Element, how: string, problems: string[]): void {
  for (const element of [root, ...root.querySelectorAll('*')]) {
    const name = element.localName.toLowerCase();
    if (LIVE_ELEMENTS.has(name)) problems.push(`${how}: a <${element.localName}> element`);
    if (element.namespaceURI !== SVG_NAMESPACE) problems.push(`${how}: <${element.localName}> outside the SVG namespace`);
    if (name === 'style') {
      const danger = cssDanger(element.textContent ?? '');
      if (danger) problems.push(`${how}: a <style> with ${danger}`);
    }
    for (const attribute of element.attributes) {
      const attributeName = attribute.name.toLowerCase();
      const local = attribute.localName.toLowerCase();
      const squeezed = attribute.value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
      if (local.startsWith('on')) problems.push(`${how}: the handler ${attribute.name} on <${element.localName}>`);
      if ((REFERENCE_ATTRIBUTES.has(local) || REFERENCE_ATTRIBUTES.has(attributeName)) && !SAFE_REFERENCE.test(attribute.value.trim())) {
        problems.push(`${how}: ${attribute.name}="${attribute.value.slice(0, 60)}" on <${element.localName}>`);
      }
      // Text may mention a script; what may not is an attribute a browser reads as a link or as CSS doing it.
      if (!attributeName.startsWith('data-') && !attributeName.startsWith('aria-') && attributeName !== 'id' && SCRIPT_SCHEME.test(squeezed)) {
        problems.push(`${how}: a script scheme in ${attribute.name} on <${element.localName}>`);
      }
      if (!attributeName.startsWith('data-') && !attributeName.startsWith('aria-') && attributeName !== 'id' && attributeName !== 'class') {
        const danger = cssDanger(attribute.value);
        if (danger) problems.push(`${how}: ${attribute.name} with ${danger} on <${element.localName}>`);
      }
    }
  }
}

/** Every way the stored markup could still run or fetch, in words; empty when there is none. */
export function liveScriptPaths(markup: string): string[] {
  const problems: string[] = [];
  const asSvg = new window.DOMParser().parseFromString(markup, 'image/svg+xml');
  if (asSvg.getElementsByTagName('parsererror').length > 0) problems.push('svg document: not well-formed XML');
  else check(asSvg.documentElement, 'svg document', problems);
  for (const node of asSvg.childNodes) {
    if (node.nodeType === window.Node.PROCESSING_INSTRUCTION_NODE) problems.push(`svg document: a <?${(node as ProcessingInstruction).target}?> instruction`);
  }
  const inline = new window.DOMParser().parseFromString(`<!doctype html><html><body>${markup}</body></html>`, 'text/html');
  const [first, ...others] = [...inline.body.children];
  if (!first || first.localName !== 'svg' || others.length > 0) problems.push('inline in HTML: not one <svg> element');
  if (first) check(first, 'inline in HTML', problems);
  for (const other of others) check(other, 'inline in HTML', problems);
  return problems;
}

/** The corpus: one vector per "## class: what" heading; "~" wraps a vector in an <svg> (see the file's header). */
export async function xssVectors(): Promise<{ name: string; markup: string }[]> {
  const text = await readFile(new URL('../fixtures/svg-xss-vectors.txt', import.meta.url), 'utf8');
  const blocks = text.split(/^## /m).slice(1);
  return blocks.map((block) => {
    const newline = block.indexOf('\n');
    const name = block.slice(0, newline).trim();
    const body = block.slice(newline + 1).replace(/\n+$/, '');
    const markup = body.startsWith('~')
      ? `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">${body.slice(1)}</svg>`
      : body;
    return { name, markup };
  });
}
