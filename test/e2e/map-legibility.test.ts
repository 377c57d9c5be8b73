// Maps a stranger can read, measured in real Chromium from the boxes the browser lays out: on screens facing each
// way (the map turned 0°, 90° and 180°), at several sizes, in normal times and during Evacuate, in English and
// Spanish, every label on the map reads upright and lies inside the drawn plan, the plan fills its box, the writing
// in the plan's own SVG is turned upright too, and no marker or label covers another (You are here, the hazard tag,
// exits and the cross on a blocked exit included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { screenPath, startTestHub, type TestHub } from '../helpers/hub.ts';
import { waitForScreen } from '../helpers/pages.ts';

let hub: TestHub;
let browser: TestBrowser;
let page: Page;
let office: string;

// main-1-east faces south (map turned 180°), front-office east (90°), main-2-west north (0°) and speaks Spanish. The
// office marks the hallways main-1-east and main-2-west stand in (so HAZARD / PELIGRO sits by You are here) and
// blocks the west doors, whose pull station and camera sit right beside them.
const SCREENS = [
  { id: 'main-1-east', turn: '180', hereWords: 'YOU ARE HERE', hazardWords: 'HAZARD' },
  { id: 'front-office', turn: '90', hereWords: 'YOU ARE HERE', hazardWords: 'HAZARD' },
  { id: 'main-2-west', turn: '0', hereWords: 'USTED ESTÁ AQUÍ', hazardWords: 'PELIGRO' },
] as const;
const SIZES = [
  [1920, 1080],
  [800, 480],
  [1080, 1920],
] as const;
const BLOCKED_EXIT = 'exit-west-doors';

beforeAll(async () => {
  hub = await startTestHub();
  office = await hub.login('office');
  const marked = await hub.api('/api/hazards', { method: 'POST', cookie: office, body: { blocked: true, areaIds: ['m1-east-hall-inner', 'm2-center-hall'], exitPoiIds: [BLOCKED_EXIT] } });
  expect(marked.status).toBe(200);
  browser = await launchBrowser();
  page = await browser.browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
interface MapReading {
  turn: string;
  box: Box;
  plan: Box;
  labels: { text: string; for: string; box: Box; ctm: [number, number, number, number] }[];
  markers: { id: string; kind: string; box: Box }[];
  /** For the blocked exit: what the browser finds at the middle of its cross. */
  crossOnTop: boolean | null;
  uprightImage: boolean;
}

/** Everything measured on the screen's map, in CSS pixels. */
function readMap(p: Page, blockedExit: string): Promise<MapReading> {
  return p.$eval(
    'muster-screen >>> [data-test="floor-map"]',
    (svg, blockedExit) => {
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const labels = [...svg.querySelectorAll('[data-test="map-label"]')].map((el) => {
        const m = (el as SVGGraphicsElement).getCTM()!;
        return { text: el.textContent ?? '', for: el.getAttribute('data-for') ?? '', box: box(el), ctm: [m.a, m.b, m.c, m.d] as [number, number, number, number] };
      });
      const markers = [
        ...[...svg.querySelectorAll('[data-test="poi"]')].map((el) => ({ id: el.getAttribute('data-poi')!, kind: el.getAttribute('data-type')!, box: box(el.querySelector('rect')!) })),
        ...[...svg.querySelectorAll('[data-test="you-are-here"] circle')].slice(0, 1).map((el) => ({ id: 'you-are-here', kind: 'you-are-here', box: box(el) })),
      ];
      const cross = svg.querySelector(`[data-poi="${blockedExit}"] [data-test="blocked-cross"]`);
      let crossOnTop: boolean | null = null;
      if (cross) {
        const r = cross.getBoundingClientRect();
        const found = (svg.getRootNode() as ShadowRoot).elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        crossOnTop = !!found && (found === cross || cross.parentElement!.contains(found));
      }
      return {
        turn: svg.getAttribute('data-turn')!,
        box: box(svg),
        plan: box(svg.querySelector('g > rect')!),
        labels,
        markers,
        crossOnTop,
        uprightImage: svg.getAttribute('data-upright-image') === 'true',
      };
    },
    blockedExit,
  );
}

const overlap = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
const within = (inner: Box, outer: Box) => inner.left >= outer.left - 1 && inner.top >= outer.top - 1 && inner.right <= outer.right + 1 && inner.bottom <= outer.bottom + 1;

/** The net rotation of every <text> in the plan's own SVG as the screen draws it (image copies are not in the DOM). */
function planWritingAngles(p: Page): Promise<{ text: string; angle: number; inside: boolean }[]> {
  return p.$eval('muster-screen >>> [data-test="floor-map"]', async (svg) => {
    const image = svg.querySelector('[data-test="map-image"]')!;
    const turn = Number(svg.getAttribute('data-turn'));
    const source = await (await fetch(image.getAttribute('href')!)).text();
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const width = Number(image.getAttribute('width'));
    const height = Number(image.getAttribute('height'));
    // Drawn as the screen draws it: the whole plan inside the turn, in a throwaway inline SVG.
    const holder = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const turned = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    turned.setAttribute('transform', `rotate(${-turn})`);
    turned.append(document.importNode(doc.documentElement, true));
    holder.append(turned);
    document.body.append(holder);
    const plan = { minX: 0, minY: 0, maxX: width, maxY: height };
    const planSvg = turned.firstElementChild as SVGSVGElement;
    const result = [...holder.querySelectorAll('text')].map((text) => {
      // Screen matrices, since the plan's own <svg> is a viewport of its own that getCTM() would stop at.
      const m = holder.getScreenCTM()!.inverse().multiply(text.getScreenCTM()!);
      // The text's box, taken onto the plan, must lie on it.
      const toPlan = planSvg.getScreenCTM()!.inverse().multiply(text.getScreenCTM()!);
      const b = text.getBBox();
      const corners = [new DOMPoint(b.x, b.y), new DOMPoint(b.x + b.width, b.y), new DOMPoint(b.x, b.y + b.height), new DOMPoint(b.x + b.width, b.y + b.height)].map((c) => c.matrixTransform(toPlan));
      const inside = corners.every((c) => c.x >= plan.minX - 1 && c.x <= plan.maxX + 1 && c.y >= plan.minY - 1 && c.y <= plan.maxY + 1);
      return { text: text.textContent ?? '', angle: (Math.atan2(m.b, m.a) * 180) / Math.PI, inside };
    });
    holder.remove();
    return result;
  });
}

async function checkMap(screenId: string, hereWords: string, hazardWords: string, size: string) {
  const map = await readMap(page, BLOCKED_EXIT);
  const where = `${screenId} ${size} (turned ${map.turn}°)`;
  // The plan fills its box: the box takes the shape of the plan as the screen turns it, so no white band is left
  // beside or above it (a pixel or two of rounding aside).
  const fillsWidth = Math.abs(map.plan.right - map.plan.left - (map.box.right - map.box.left)) < 3;
  const fillsHeight = Math.abs(map.plan.bottom - map.plan.top - (map.box.bottom - map.box.top)) < 3;
  expect(fillsWidth && fillsHeight, `${where}: plan ${JSON.stringify(map.plan)} in box ${JSON.stringify(map.box)}`).toBe(true);

  const texts = map.labels.map((l) => l.text);
  expect(texts, where).toContain(hereWords);
  expect(texts, where).toContain(hazardWords);
  for (const label of map.labels) {
    const [a, b, c, d] = label.ctm;
    // Upright: no rotation and no mirror, only the view box's scale; so a line of writing is wider than tall.
    expect(Math.abs(b) + Math.abs(c), `${where}: "${label.text}" is turned`).toBeLessThan(1e-9);
    expect(a > 0 && d > 0, `${where}: "${label.text}" is mirrored`).toBe(true);
    expect(label.box.right - label.box.left, `${where}: "${label.text}"`).toBeGreaterThan(label.box.bottom - label.box.top);
    expect(within(label.box, map.plan), `${where}: "${label.text}" ${JSON.stringify(label.box)} leaves the plan ${JSON.stringify(map.plan)}`).toBe(true);
  }

  // Nothing covers anything: labels, You are here, exits (the blocked one too), AEDs, extinguishers and the rest.
  const things = [...map.labels.map((l) => ({ name: `label "${l.text}"`, box: l.box })), ...map.markers.map((m) => ({ name: `${m.kind} ${m.id}`, box: m.box }))];
  const collisions: string[] = [];
  things.forEach((one, i) => things.slice(i + 1).forEach((other) => overlap(one.box, other.box) && collisions.push(`${one.name} × ${other.name}`)));
  expect(collisions, where).toEqual([]);
  return map;
}

describe('maps a stranger can read', () => {
  for (const { id, turn, hereWords, hazardWords } of SCREENS) {
    it(`${id}: upright labels inside the plan, the plan filling its box, nothing covered (turned ${turn}°)`, async () => {
      for (const [width, height] of SIZES) {
        await page.setViewport({ width, height });
        await page.goto(`${hub.origin}${screenPath(id)}`);
        await waitForScreen(page, { mode: 'normal', connection: 'open' });
        await page.waitForSelector('muster-screen >>> [data-test="floor-map"][data-upright-image="true"]');
        const map = await checkMap(id, hereWords, hazardWords, `${width}×${height}`);
        expect(map.turn).toBe(turn);
        // The west doors are on the 1st floor's plan only.
        if (map.markers.some((m) => m.id === BLOCKED_EXIT)) expect(map.crossOnTop, `${id} ${width}×${height}: the blocked exit's cross is covered`).toBe(true);
      }
    });
  }

  it('turns the writing in the plan’s own SVG upright and keeps it on the plan (room numbers, street names, lawns)', async () => {
    await page.setViewport({ width: 1280, height: 720 });
    for (const { id, turn } of SCREENS) {
      await page.goto(`${hub.origin}${screenPath(id)}`);
      await waitForScreen(page, { mode: 'normal', connection: 'open' });
      await page.waitForSelector('muster-screen >>> [data-test="floor-map"][data-upright-image="true"]');
      const writing = await planWritingAngles(page);
      expect(writing.length, id).toBeGreaterThan(20);
      for (const { text, angle, inside } of writing) {
        // Level writing stays level; writing along a lawn or walkway reads bottom to top at worst, never upside down.
        expect(angle, `${id} (${turn}°): "${text}"`).toBeGreaterThanOrEqual(-90.01);
        expect(angle, `${id} (${turn}°): "${text}"`).toBeLessThan(89.99);
        expect(inside, `${id} (${turn}°): "${text}" leaves the plan`).toBe(true);
      }
      // Room numbers are level at every turn.
      const rooms = writing.filter((w) => /^\d{3}$/.test(w.text));
      expect(rooms.length, id).toBeGreaterThan(10);
      for (const room of rooms) expect(Math.abs(room.angle), `${id}: room ${room.text}`).toBeLessThan(0.01);
    }
  });

  it('keeps all of that during an Evacuate drill, with the route and its exit on the map', async () => {
    const started = await hub.api('/api/modes', { method: 'POST', cookie: office, body: { mode: 'evacuate', scope: { kind: 'site' }, drill: true, destination: 'North athletic field' } });
    expect(started.status).toBe(200);
    for (const { id, hereWords, hazardWords } of SCREENS) {
      for (const [width, height] of SIZES) {
        await page.setViewport({ width, height });
        await page.goto(`${hub.origin}${screenPath(id)}`);
        await waitForScreen(page, { mode: 'evacuate', connection: 'open' });
        await page.waitForSelector('muster-screen >>> [data-test="floor-map"][data-upright-image="true"]');
        await page.waitForSelector('muster-screen >>> [data-test="route"]');
        const map = await checkMap(id, hereWords, hazardWords, `${width}×${height}`);
        // The route's exit is named on the map (on the screen's own floor).
        const target = await page.$eval('muster-screen >>> [data-test="route"]', (el) => el.getAttribute('data-target'));
        if (map.markers.some((m) => m.id === target)) expect(map.labels.map((l) => l.for), id).toContain(`poi:${target}`);
      }
    }
  });
});
