// Reads an uploaded SVG into a jsdom tree, the way screens read it (as XML), on the upload-check thread (see
// upload-checks.ts; plain JavaScript, because that thread loads it with no TypeScript loader).
//
// The tree is built here from saxes' events (saxes is the XML parser jsdom itself uses, loaded through jsdom so it is
// always the copy jsdom brings) rather than by jsdom's DOMParser, for two reasons:
// - jsdom's cost grows with each node's depth and each element's attribute count (thousands of nested groups take
//   seconds, a hundred thousand take hours), so a file past a limit is refused, with its reason, as soon as saxes
//   reaches the point where it passes it;
// - jsdom parses every style attribute it is given, so an attribute that reaches outside the file (or hides behind
//   CSS escapes) is left out before jsdom sees it, at the cost of one linear check (css-references.mjs).
// Nothing is expanded from a DOCTYPE: entity declarations ("billion laughs") are refused outright. Comments and
// processing instructions are left out; CDATA becomes the text it holds.
import { createRequire } from 'node:module';
import { cssProblem } from './css-references.mjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('saxes')} */
const { SaxesParser } = createRequire(require.resolve('jsdom'))('saxes');

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
/** Drawings group a few levels deep; CAD exports rarely pass twenty. */
export const MAX_DEPTH = 64;
/** SVG gives an element a few dozen meaningful attributes at most. */
export const MAX_ATTRIBUTES = 64;
/**
 * Elements and text runs. A floor plan drawn for people has a few thousand; jsdom and DOMPurify take some 20 µs a
 * node, so this keeps the worst file about a second of work.
 */
export const MAX_NODES = 50_000;

const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';
const USUAL_PREFIXES = new Map([
  [XLINK_NAMESPACE, 'xlink'],
  ['http://www.w3.org/XML/1998/namespace', 'xml'],
]);
const REFERENCE_ATTRIBUTES = new Set(['href', 'xlink:href', 'src']);
const SAFE_REFERENCE = /^(#[\w.:-]*|data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*)$/i;

/** Why a file is refused; its message is said to the facility manager as it is. */
export class SvgRefusedError extends Error {}

/** Stops the parse from inside a handler: saxes has no other way to abort. */
function refuse(reason) {
  throw new SvgRefusedError(`This SVG cannot be used: ${reason}`);
}

/** Where whitespace is part of what is drawn or said; between shapes it is only layout of the file. */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'textPath', 'title', 'desc', 'style']);
const WHITESPACE = /^[ \t\r\n]*$/;

/**
 * Why an attribute may not stay, in words, or null. References may only point inside the file or be inline raster
 * images; everything else is read as CSS, since browsers read style and every presentation attribute (fill, filter,
 * cursor…) as CSS.
 * @param {string} name
 * @param {string} value
 * @param {string} element
 * @returns {string | null}
 */
function attributeProblem(name, value, element) {
  if (REFERENCE_ATTRIBUTES.has(name.toLowerCase())) {
    return SAFE_REFERENCE.test(value.trim()) ? null : `a reference to ${JSON.stringify(value.slice(0, 80))} on <${element}>`;
  }
  const problem = cssProblem(value);
  return problem ? `the ${name.slice(0, 40)} attribute on <${element}> (${problem})` : null;
}

/**
 * One pass of saxes over the file. Without `into`, it only checks: the limits, the DOCTYPE and the root element,
 * so a file past a limit is refused before any DOM is built. With `into`, it builds the tree in that document.
 * @param {string} text
 * @param {XMLDocument | null} into
 * @returns {string[]} what was left out, in words (when building)
 */
function pass(text, into) {
  const parser = new SaxesParser({ xmlns: true, defaultXMLVersion: '1.0', forceXMLVersion: true });
  /** @type {Node[]} the open elements when building; their local names when checking */
  const open = [into];
  const removed = [];
  let nodes = 0;
  let attributes = 0;
  let usesXlink = false;
  const count = () => {
    if (++nodes > MAX_NODES) refuse(`it has more than ${MAX_NODES.toLocaleString('en')} elements and text runs. Simplify the drawing (or split it by floor) and upload it again.`);
  };
  const addText = (data) => {
    // Text outside the root element is no part of the tree.
    if (open.length === 1 || (WHITESPACE.test(data) && !TEXT_ELEMENTS.has(open.at(-1).localName))) return;
    count();
    if (into) open.at(-1).appendChild(into.createTextNode(data));
  };

  parser.on('doctype', (doctype) => {
    if (doctype.includes('[')) refuse('its DOCTYPE makes declarations of its own (entities, attribute defaults). Export it again as plain SVG.');
  });
  // Counted as they are read, so a tag with a million attributes is refused at its 65th.
  parser.on('opentagstart', () => void (attributes = 0));
  parser.on('attribute', () => {
    if (++attributes > MAX_ATTRIBUTES) refuse(`an element has more than ${MAX_ATTRIBUTES} attributes.`);
  });
  parser.on('opentag', (tag) => {
    if (open.length === 1 && (tag.local !== 'svg' || tag.uri !== SVG_NAMESPACE)) {
      throw new SvgRefusedError('This file holds no SVG drawing: its outer element must be <svg xmlns="http://www.w3.org/2000/svg">.');
    }
    if (open.length > MAX_DEPTH) refuse(`its elements are nested more than ${MAX_DEPTH} deep.`);
    count();
    if (!into) {
      open.push({ localName: tag.local });
      return;
    }
    // Names are written the usual way (<rect>, xlink:href, whatever prefixes the file chose), which is how
    // DOMPurify's lists name them; the serializer declares the namespaces again where they are used.
    const element = into.createElementNS(tag.uri || null, tag.uri === SVG_NAMESPACE ? tag.local : tag.name);
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === XMLNS_NAMESPACE) continue;
      const name = USUAL_PREFIXES.has(attribute.uri) ? `${USUAL_PREFIXES.get(attribute.uri)}:${attribute.local}` : attribute.name;
      const problem = attributeProblem(name, attribute.value, element.localName);
      if (problem) removed.push(problem);
      else element.setAttributeNS(attribute.uri || null, name, attribute.value);
      if (!problem && attribute.uri === XLINK_NAMESPACE) usesXlink = true;
    }
    open.at(-1).appendChild(element);
    open.push(element);
  });
  parser.on('closetag', (tag) => {
    const element = open.pop();
    if (!into || tag.local !== 'style') return;
    const problem = cssProblem(element.textContent, { sheet: true });
    if (problem) {
      removed.push(`a <style> block (${problem})`);
      element.textContent = '';
    }
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (error) => refuse(`it is not well-formed XML (${error.message.slice(0, 200)}).`));
  parser.write(text).close();
  if (nodes === 0) throw new SvgRefusedError('This file holds no SVG drawing.');
  if (usesXlink) into.documentElement.setAttributeNS(XMLNS_NAMESPACE, 'xmlns:xlink', XLINK_NAMESPACE);
  return removed;
}

/**
 * Reads an uploaded SVG: first checked, then built.
 * @param {string} text the upload
 * @param {Document} document any jsdom document, whose implementation makes the new one
 * @returns {{ svg: Element, removed: string[] }} the <svg> element, and what was left out, in words
 * @throws {SvgRefusedError} when the file is not well-formed XML, is no SVG, or passes a limit
 */
export function readSvg(text, document) {
  pass(text, null);
  const doc = document.implementation.createDocument(null, null, null);
  const removed = pass(text, doc);
  return { svg: doc.documentElement, removed };
}
