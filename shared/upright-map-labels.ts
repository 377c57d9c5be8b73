// The writing in an uploaded SVG map (room numbers, street names, "Gym roof") turned back upright for a heads-up
// view, and kept inside the plan: each <text> gets a rotation about its middle (see uprightRotation) and, if it
// would then stick out of the plan, a shift inwards. Turned writing can come to lie across shapes drawn after it
// (a field's name across the gym beside it), so every <text> moves to the end of the drawing, on top, taking the
// styles it inherited from its groups with it. Works on any DOM-like tree (the browser's DOMParser on a screen,
// jsdom on the hub for the printed diagrams), so it declares the little of the DOM it uses.
import type { Point } from './floor-plan.ts';
import type { Bounds } from './geometry.ts';
import { type QuarterTurn, uprightRotation } from './map-orientation.ts';
import { estimatedTextWidth } from './text-size.ts';

export interface SvgElementLike<E> {
  readonly localName: string;
  readonly children: ArrayLike<E>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  appendChild(node: E): unknown;
}

/** Properties writing inherits from its groups, which it must keep when it moves out of them. */
const INHERITED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linejoin',
  'paint-order',
  'font-family',
  'font-size',
  'font-style',
  'font-variant',
  'font-weight',
  'font-stretch',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'word-spacing',
  'text-decoration',
  'visibility',
  'direction',
  'writing-mode',
  'color',
];

/** An element's own values of the inherited properties: its style attribute over its presentation attributes. */
function ownStyle(element: SvgElementLike<unknown>): Map<string, string> {
  const values = new Map<string, string>();
  for (const name of INHERITED) {
    const value = element.getAttribute(name);
    if (value !== null) values.set(name, value);
  }
  for (const declaration of (element.getAttribute('style') ?? '').split(';')) {
    const [name, ...value] = declaration.split(':');
    const property = name?.trim().toLowerCase() ?? '';
    if (INHERITED.includes(property) && value.length > 0) values.set(property, value.join(':').trim());
  }
  return values;
}

/** A 2-D affine matrix as SVG writes it: x' = a·x + c·y + e, y' = b·x + d·y + f. */
interface Matrix {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

const IDENTITY: Matrix = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

function multiply(m: Matrix, n: Matrix): Matrix {
  return {
    a: m.a * n.a + m.c * n.b,
    b: m.b * n.a + m.d * n.b,
    c: m.a * n.c + m.c * n.d,
    d: m.b * n.c + m.d * n.d,
    e: m.a * n.e + m.c * n.f + m.e,
    f: m.b * n.e + m.d * n.f + m.f,
  };
}

const apply = (m: Matrix, p: Point): Point => ({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });

function rotation(degrees: number, cx = 0, cy = 0): Matrix {
  const r = (degrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  return { a: cos, b: sin, c: -sin, d: cos, e: cx - cos * cx + sin * cy, f: cy - sin * cx - cos * cy };
}

/** An SVG transform attribute as one matrix; what cannot be read counts as no transform, as browsers do. */
export function parseTransform(list: string | null): Matrix {
  let m = IDENTITY;
  for (const [, name, args] of (list ?? '').matchAll(/(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g)) {
    const n = args!.split(/[\s,]+/).filter(Boolean).map(Number);
    if (n.some((v) => !Number.isFinite(v))) return IDENTITY;
    const [p = 0, q, r = 0, s = 0, t = 0, u = 0] = n;
    const tan = (deg: number) => Math.tan((deg * Math.PI) / 180);
    const step: Matrix =
      name === 'matrix'
        ? { a: p, b: q ?? 0, c: r, d: s, e: t, f: u }
        : name === 'translate'
          ? { ...IDENTITY, e: p, f: q ?? 0 }
          : name === 'scale'
            ? { ...IDENTITY, a: p, d: q ?? p }
            : name === 'rotate'
              ? rotation(p, q ?? 0, r)
              : name === 'skewX'
                ? { ...IDENTITY, c: tan(p) }
                : { ...IDENTITY, b: tan(p) };
    m = multiply(m, step);
  }
  return m;
}

const firstNumber = (value: string | null): number | null => {
  const n = Number.parseFloat(value ?? '');
  return Number.isFinite(n) ? n : null;
};

/** Presentation attributes a <text> inherits from its groups. */
interface Inherited {
  matrix: Matrix;
  fontSize: number;
  anchor: string;
}

export interface MapLabel {
  text: string;
  /** Where the label lies on the plan once upright and shifted inwards, in plan units (before the turn). */
  box: Bounds;
}

/** A <text> as found: its writing, its frame, and its middle in its own units and on the plan. */
interface Found<E> {
  element: E;
  /** Its groups below the root, nearest first. */
  groups: E[];
  words: string;
  parent: Matrix;
  matrix: Matrix;
  fontSize: number;
  startX: number;
  length: number;
  middle: Point;
  onPlan: Point;
  authored: number;
}

/**
 * Turns every <text> under `root` to read upright in a view turned by `turn`, shifted to stay within the plan
 * (width × height, in the root's units), and says where each label lies, so markers can keep clear of them. Lines
 * written one under the other ("Boys'" over "locker room") turn together about their common middle, so they stay
 * one under the other.
 */
export function uprightMapLabels<E extends SvgElementLike<E>>(root: E, turn: QuarterTurn, width: number, height: number): MapLabel[] {
  const found: Found<E>[] = [];
  const visit = (element: E, inherited: Inherited, groups: E[]) => {
    const here: Inherited = {
      matrix: multiply(inherited.matrix, parseTransform(element.getAttribute('transform'))),
      fontSize: firstNumber(element.getAttribute('font-size')) ?? inherited.fontSize,
      anchor: element.getAttribute('text-anchor') ?? inherited.anchor,
    };
    if (element.localName === 'text') {
      const text = readText(element, inherited.matrix, here, groups);
      if (text) found.push(text);
      return;
    }
    // A nested <svg> or <symbol> has a viewport of its own, and <defs>, <clipPath>, <mask> and <pattern> are not
    // drawn where they stand: their writing is the drawing's business, not a label.
    if (element !== root && ['svg', 'symbol', 'defs', 'clipPath', 'mask', 'pattern', 'marker'].includes(element.localName)) return;
    const below = element === root ? groups : [element, ...groups];
    for (let i = 0; i < element.children.length; i++) visit(element.children[i]!, here, below);
  };
  visit(root, { matrix: IDENTITY, fontSize: 16, anchor: 'start' }, []);
  const rootMatrix = parseTransform(root.getAttribute('transform'));
  return linesTogether(found).flatMap((block) => turnBlock(root, rootMatrix, block, turn, width, height));
}

function readText<E extends SvgElementLike<E>>(element: E, parent: Matrix, style: Inherited, groups: E[]): Found<E> | null {
  const words = (element.textContent ?? '').trim();
  const { matrix } = style;
  // Mirrored writing, or none at all: nothing to turn.
  if (!words || matrix.a * matrix.d - matrix.b * matrix.c <= 0) return null;
  const firstSpan = element.children[0]?.localName === 'tspan' ? element.children[0] : null;
  const x = firstNumber(element.getAttribute('x')) ?? firstNumber(firstSpan?.getAttribute('x') ?? null) ?? 0;
  const y = firstNumber(element.getAttribute('y')) ?? firstNumber(firstSpan?.getAttribute('y') ?? null) ?? 0;
  const length = estimatedTextWidth(words, style.fontSize);
  // The anchor sits at the writing's start, middle or end, on the baseline; the middle is half an x-height above.
  const startX = style.anchor === 'middle' ? x - length / 2 : style.anchor === 'end' ? x - length : x;
  const middle = { x: startX + length / 2, y: y - style.fontSize * 0.35 };
  const authored = (Math.atan2(matrix.b, matrix.a) * 180) / Math.PI;
  return { element, groups, words, parent, matrix, fontSize: style.fontSize, startX, length, middle, onPlan: apply(matrix, middle), authored };
}

/** Texts in a row that are lines of one label: written the same way, centred on one line across, close below each other. */
function linesTogether<E>(found: Found<E>[]): Found<E>[][] {
  const blocks: Found<E>[][] = [];
  for (const text of found) {
    const block = blocks[blocks.length - 1];
    const last = block?.[block.length - 1];
    if (last && Math.abs(last.authored - text.authored) < 1) {
      const r = (text.authored * Math.PI) / 180;
      const dx = text.onPlan.x - last.onPlan.x;
      const dy = text.onPlan.y - last.onPlan.y;
      const along = dx * Math.cos(r) + dy * Math.sin(r);
      const across = -dx * Math.sin(r) + dy * Math.cos(r);
      const size = Math.max(text.fontSize, last.fontSize) * Math.sqrt(text.matrix.a ** 2 + text.matrix.b ** 2);
      if (Math.abs(along) < size * 0.5 && across > size * 0.5 && across < size * 1.8) {
        block!.push(text);
        continue;
      }
    }
    blocks.push([text]);
  }
  return blocks;
}

function turnBlock<E extends SvgElementLike<E>>(root: E, rootMatrix: Matrix, block: Found<E>[], turn: QuarterTurn, width: number, height: number): MapLabel[] {
  const turnBack = uprightRotation(block[0]!.authored, turn);
  const centre = { x: block.reduce((sum, t) => sum + t.onPlan.x, 0) / block.length, y: block.reduce((sum, t) => sum + t.onPlan.y, 0) / block.length };
  const placed = block.map((text) => {
    const pivot = apply(invert(text.matrix), centre);
    const upright = multiply(text.matrix, rotation(turnBack, pivot.x, pivot.y));
    const lineHeight = text.fontSize * 1.2;
    const top = text.middle.y - lineHeight / 2;
    const corners = [
      { x: text.startX, y: top },
      { x: text.startX + text.length, y: top },
      { x: text.startX, y: top + lineHeight },
      { x: text.startX + text.length, y: top + lineHeight },
    ].map((p) => apply(upright, p));
    const box = {
      minX: Math.min(...corners.map((p) => p.x)),
      minY: Math.min(...corners.map((p) => p.y)),
      maxX: Math.max(...corners.map((p) => p.x)),
      maxY: Math.max(...corners.map((p) => p.y)),
    };
    return { text, upright, box };
  });
  // The block moves as one, by what keeps all of it within the plan.
  const shift = {
    x: inwards(Math.min(...placed.map((p) => p.box.minX)), Math.max(...placed.map((p) => p.box.maxX)), width),
    y: inwards(Math.min(...placed.map((p) => p.box.minY)), Math.max(...placed.map((p) => p.box.maxY)), height),
  };
  return placed.map(({ text, upright, box }) => {
    lift(root, rootMatrix, text, multiply({ ...IDENTITY, e: shift.x, f: shift.y }, upright));
    return { text: text.words, box: { minX: box.minX + shift.x, minY: box.minY + shift.y, maxX: box.maxX + shift.x, maxY: box.maxY + shift.y } };
  });
}

/** Moves the <text> to the end of the drawing with the whole of its placement as its transform and its groups' styles as its own. */
function lift<E extends SvgElementLike<E>>(root: E, rootMatrix: Matrix, text: Found<E>, placement: Matrix): void {
  const own = ownStyle(text.element);
  for (const group of text.groups) {
    for (const [name, value] of ownStyle(group)) {
      if (own.has(name)) continue;
      own.set(name, value);
      text.element.setAttribute(name, value);
    }
  }
  const m = multiply(invert(rootMatrix), placement);
  text.element.setAttribute('transform', `matrix(${[m.a, m.b, m.c, m.d, m.e, m.f].map((n) => Math.round(n * 10000) / 10000).join(' ')})`);
  root.appendChild(text.element);
}

function invert(m: Matrix): Matrix {
  const det = m.a * m.d - m.b * m.c;
  return { a: m.d / det, b: -m.b / det, c: -m.c / det, d: m.a / det, e: (m.c * m.f - m.d * m.e) / det, f: (m.b * m.e - m.a * m.f) / det };
}

/** How far to move [min, max] to lie within [0, size]: none when it does, centred when it cannot. */
function inwards(min: number, max: number, size: number): number {
  if (max - min >= size) return size / 2 - (min + max) / 2;
  if (min < 0) return -min;
  if (max > size) return size - max;
  return 0;
}
