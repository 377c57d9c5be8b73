// Unit tests for turning a plan's own writing upright: level labels stay level at every turn, labels along a lawn
// follow it the right way up, lines of one label stay in order, labels at the edge move onto the plan, and the
// demo school's maps come out with every label readable and on the plan.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { type QuarterTurn, turnPoint } from './map-orientation.ts';
import { parseTransform, uprightMapLabels } from './upright-map-labels.ts';

const { window } = new JSDOM('');
const parse = (svg: string): Element => new window.DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;

type Matrix = ReturnType<typeof parseTransform>;
const times = (m: Matrix, n: Matrix): Matrix => ({
  a: m.a * n.a + m.c * n.b,
  b: m.b * n.a + m.d * n.b,
  c: m.a * n.c + m.c * n.d,
  d: m.b * n.c + m.d * n.d,
  e: m.a * n.e + m.c * n.f + m.e,
  f: m.b * n.e + m.d * n.f + m.f,
});

/** The angle each <text>'s baseline runs at on the screen once the plan is turned, in [−180, 180). */
function screenAngles(root: Element, turn: QuarterTurn): Map<string, number> {
  const angles = new Map<string, number>();
  const walk = (element: Element, above: Matrix) => {
    const m = times(above, parseTransform(element.getAttribute('transform')));
    if (element.localName === 'text') {
      const degrees = (Math.atan2(m.b, m.a) * 180) / Math.PI - turn;
      angles.set(element.textContent!, Math.round((((degrees % 360) + 540) % 360) - 180) + 0);
    }
    for (const child of element.children) walk(child, m);
  };
  walk(root, parseTransform(null));
  return angles;
}

const PLAN = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 600" text-anchor="middle" font-size="20">
  <text x="500" y="300">Room 101</text>
  <text x="40" y="300" transform="rotate(-90 40 300)">West lawn</text>
  <g transform="translate(200 100)"><text x="0" y="0">Boys'</text><text x="0" y="22" font-size="15">locker room</text></g>
  <text x="990" y="590" text-anchor="start">Bus loop</text>
</svg>`;

describe('turning a plan’s writing upright', () => {
  it('keeps level writing level and lays writing along a lawn level when the lawn lies flat', () => {
    for (const turn of [0, 90, 180, 270] as const) {
      const root = parse(PLAN);
      uprightMapLabels(root, turn, 1000, 600);
      const angles = screenAngles(root, turn);
      expect(angles.get('Room 101'), `turn ${turn}`).toBe(0);
      expect(angles.get("Boys'"), `turn ${turn}`).toBe(0);
      expect(angles.get('West lawn'), `turn ${turn}`).toBe(turn === 90 || turn === 270 ? 0 : -90);
    }
  });

  it('keeps the lines of one label in order, one under the other, on the screen', () => {
    for (const turn of [0, 90, 180, 270] as const) {
      const root = parse(PLAN);
      const labels = uprightMapLabels(root, turn, 1000, 600);
      const box = (text: string) => labels.find((l) => l.text === text)!.box;
      // Screen positions of the two lines' middles.
      const middle = (text: string) => turnPoint({ x: (box(text).minX + box(text).maxX) / 2, y: (box(text).minY + box(text).maxY) / 2 }, turn);
      const first = middle("Boys'");
      const second = middle('locker room');
      expect(second.y - first.y, `turn ${turn}`).toBeGreaterThan(10);
      expect(Math.abs(second.x - first.x), `turn ${turn}`).toBeLessThan(1);
    }
  });

  it('moves writing that would stick out of the plan back onto it, and says where every label lies', () => {
    for (const turn of [0, 90, 180, 270] as const) {
      const labels = uprightMapLabels(parse(PLAN), turn, 1000, 600);
      expect(labels.map((l) => l.text).sort()).toEqual(["Boys'", 'Bus loop', 'Room 101', 'West lawn', 'locker room']);
      for (const { text, box } of labels) {
        expect(box.minX, `${text} at turn ${turn}`).toBeGreaterThanOrEqual(-1e-9);
        expect(box.minY, `${text} at turn ${turn}`).toBeGreaterThanOrEqual(-1e-9);
        expect(box.maxX, `${text} at turn ${turn}`).toBeLessThanOrEqual(1000 + 1e-9);
        expect(box.maxY, `${text} at turn ${turn}`).toBeLessThanOrEqual(600 + 1e-9);
      }
    }
    // "Bus loop" starts 10 units from the right edge: it is moved left.
    const root = parse(PLAN);
    uprightMapLabels(root, 0, 1000, 600);
    const busLoop = [...root.querySelectorAll('text')].find((t) => t.textContent === 'Bus loop')!;
    expect(parseTransform(busLoop.getAttribute('transform')).e).toBeLessThan(-80);
  });

  it('draws the writing last, on top of the plan, with the styles its groups gave it', () => {
    const root = parse(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">
      <g fill="#123456" style="font-weight: bold"><text x="50" y="50">Field</text></g>
      <rect id="gym" x="0" y="0" width="400" height="300"/>
    </svg>`);
    uprightMapLabels(root, 90, 400, 300);
    const last = root.children[root.children.length - 1]!;
    expect(last.localName).toBe('text');
    expect(last.getAttribute('fill')).toBe('#123456');
    expect(last.getAttribute('font-weight')).toBe('bold');
    expect(last.getAttribute('transform')).toMatch(/^matrix\(/);
  });

  it('reads SVG transform lists as browsers do', () => {
    expect(parseTransform('translate(10 20) scale(2)')).toEqual({ a: 2, b: 0, c: 0, d: 2, e: 10, f: 20 });
    const r = parseTransform('rotate(90 10 10)');
    expect([r.a, r.b, r.c, r.d, r.e, r.f].map((n) => Math.round(n) + 0)).toEqual([0, 1, -1, 0, 20, 0]);
    expect(parseTransform('matrix(1,0,0,1,5,6)')).toEqual({ a: 1, b: 0, c: 0, d: 1, e: 5, f: 6 });
    expect(parseTransform('rotate(oops)')).toEqual({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 });
    expect(parseTransform(null)).toEqual({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 });
  });

  it('leaves every label of the demo school’s maps readable and on the plan at every turn', () => {
    for (const [file, width, height] of [['main-1.svg', 1360, 760], ['main-2.svg', 1360, 760], ['annex-1.svg', 660, 460]] as const) {
      const svg = readFileSync(fileURLToPath(new URL(`../config/maps/${file}`, import.meta.url)), 'utf8');
      for (const turn of [0, 90, 180, 270] as const) {
        const root = parse(svg);
        const labels = uprightMapLabels(root, turn, width, height);
        expect(labels.length, file).toBeGreaterThan(5);
        for (const [text, angle] of screenAngles(root, turn)) {
          expect(angle, `${file} at ${turn}: ${text}`).toBeGreaterThanOrEqual(-90);
          expect(angle, `${file} at ${turn}: ${text}`).toBeLessThan(90);
          if (/^\d{3}$|^A\d$/.test(text)) expect(angle, `${file} at ${turn}: room ${text}`).toBe(0);
        }
        for (const { text, box } of labels) expect(box.minX >= 0 && box.minY >= 0 && box.maxX <= width && box.maxY <= height, `${file} at ${turn}: ${text}`).toBe(true);
      }
    }
  });
});
