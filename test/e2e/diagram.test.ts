// Printable evacuation diagrams, rendered by the hub with real Chromium: one page per diagram, naming the place,
// with both routes; bad requests get clear errors, and only logged-in staff may print.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let viewer: string;

beforeAll(async () => {
  hub = await startTestHub();
  viewer = await hub.login('viewer');
});
afterAll(async () => {
  await hub?.dispose();
});

/** The PDF's page count and its text with all white space removed (PDF text runs split words anywhere). */
async function readPdf(path: string): Promise<{ pages: number; text: string }> {
  const response = await fetch(`${hub.origin}${path}`, { headers: { Cookie: viewer } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const doc = await getDocument({ data: new Uint8Array(await response.arrayBuffer()), verbosity: 0 }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
  }
  return { pages: doc.numPages, text: text.replace(/\s+/g, '') };
}

const squash = (text: string) => text.replace(/\s+/g, '');

/** The first page's size in points and every run of text on it with its transform [a, b, c, d, e, f]. */
async function pdfWriting(path: string) {
  const response = await fetch(`${hub.origin}${path}`, { headers: { Cookie: viewer } });
  const doc = await getDocument({ data: new Uint8Array(await response.arrayBuffer()), verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const { width, height } = page.getViewport({ scale: 1 });
  const items = (await page.getTextContent()).items.flatMap((item) => ('str' in item && item.str.trim() ? [{ text: item.str, transform: item.transform as number[] }] : []));
  return { width, height, items };
}

describe('evacuation diagrams', () => {
  it('prints one page for a screen, with its location and a primary and a secondary route', async () => {
    const location = hub.site().screens.find((s) => s.id === 'main-1-east')!.location;
    const { pages, text } = await readPdf('/api/diagram?screen=main-1-east');
    expect(pages).toBe(1);
    expect(text).toContain(squash(location));
    expect(text).toContain(squash('Primary route: East doors'));
    expect(text).toContain(squash('Secondary route: Main entrance (south)'));
    expect(text).toContain(squash('Do not use elevators'));
  });

  it('prints one page for any room by its position on a floor plan', async () => {
    const { pages, text } = await readPdf('/api/diagram?floor=main-2&x=300&y=470&facing=0&label=Room%20215');
    expect(pages).toBe(1);
    expect(text).toContain('Room215');
    expect(text).toContain('(bythestairs)');
  });

  it('prints every word upright, the plan’s own room numbers included, and a plan turned a quarter on a portrait page', async () => {
    // The front office faces east: its plan is turned a quarter and stands taller than wide. main-1-east faces south.
    for (const [screen, portrait] of [['front-office', true], ['main-1-east', false]] as const) {
      const { width, height, items } = await pdfWriting(`/api/diagram?screen=${screen}`);
      expect(height > width, `${screen} on a ${portrait ? 'portrait' : 'landscape'} page`).toBe(portrait);
      const texts = items.map((item) => item.text);
      expect(texts, screen).toEqual(expect.arrayContaining(['YOU ARE HERE', '104', 'Gymnasium', 'Elm Street']));
      for (const { text, transform } of items) {
        // Which way the writing runs on the page (PDF's y grows upwards): rightwards, or at worst bottom to top
        // (a label along a narrow lawn), never leftwards (upside down).
        const [a, b] = transform as [number, number];
        expect(a > 1e-6 || (Math.abs(a) < 1e-6 && b > 0), `${screen}: "${text}" reads upside down`).toBe(true);
        // Room numbers, street names and everything of ours stay level.
        if (/^\d{3}$|^YOU ARE HERE$|^Elm Street$|^Gymnasium$/.test(text)) expect(Math.abs(b), `${screen}: "${text}" is turned`).toBeLessThan(1e-6);
      }
    }
  });

  it('refuses what it cannot print, with clear errors, and anyone not logged in', async () => {
    const status = async (path: string, cookie: string | null = viewer) => (await hub.api(path, { cookie: cookie ?? undefined })).status;
    expect(await status('/api/diagram?screen=no-such-screen')).toBe(404);
    expect(await status('/api/diagram?floor=main-1&x=99999&y=10&label=Far%20away')).toBe(400);
    expect(await status('/api/diagram?floor=main-1&x=10&y=10')).toBe(400);
    expect(await status('/api/diagram')).toBe(400);
    expect(await status('/api/diagram?screen=main-1-east', null)).toBe(401);
  });
});
