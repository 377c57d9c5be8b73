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

  it('refuses what it cannot print, with clear errors, and anyone not logged in', async () => {
    const status = async (path: string, cookie: string | null = viewer) => (await hub.api(path, { cookie: cookie ?? undefined })).status;
    expect(await status('/api/diagram?screen=no-such-screen')).toBe(404);
    expect(await status('/api/diagram?floor=main-1&x=99999&y=10&label=Far%20away')).toBe(400);
    expect(await status('/api/diagram?floor=main-1&x=10&y=10')).toBe(400);
    expect(await status('/api/diagram')).toBe(400);
    expect(await status('/api/diagram?screen=main-1-east', null)).toBe(401);
  });
});
