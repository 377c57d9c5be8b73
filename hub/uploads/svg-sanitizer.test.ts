// SVG maps are stored without anything that could run or reach outside the file, and keep their drawing; files built
// to make the work explode are refused with their reason, and the checks run on their own thread.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-error.ts';
import { MAX_WAITING_CHECKS, sanitizeSvg, UploadChecksBusyError } from './upload-checks.ts';

const HOSTILE = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1200 600" width="1200" height="600" onload="alert(1)">
  <script>alert('script')</script>
  <script xlink:href="https://evil.example/x.js"></script>
  <defs><pattern id="hatch" width="8" height="8"><rect width="4" height="8" fill="#ccc"/></pattern></defs>
  <rect id="room-104" x="10" y="10" width="100" height="80" fill="url(#hatch)" stroke="#334155" onclick="steal()"/>
  <a href="javascript:alert(2)"><text x="20" y="40">Room 104</text></a>
  <a xlink:href="javascript:alert(3)"><text x="20" y="60">Room 105</text></a>
  <foreignObject width="100" height="100"><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"></iframe></div></foreignObject>
  <image href="https://tracker.example/pixel.png" width="10" height="10"/>
  <image xlink:href="http://evil.example/map.png" width="10" height="10"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="10" height="10"/>
  <use href="other-file.svg#thing"/>
  <use href="#room-104" x="200"/>
  <style>@import url("https://evil.example/x.css"); rect { fill: red }</style>
  <circle cx="50" cy="50" r="5" style="fill: url(https://evil.example/f.svg#x)"/>
  <animate attributeName="href" to="javascript:alert(4)"/>
</svg>`;

const utf8 = (text: string) => new TextEncoder().encode(text);
const sanitize = (text: string) => sanitizeSvg(utf8(text));
const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">${inner}</svg>`;
/** The refusal's words, or a failure when the file was accepted. */
async function refusal(text: string): Promise<string> {
  const error = await sanitize(text).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).status).toBe(400);
  return (error as ApiError).message;
}

describe('sanitizeSvg', async () => {
  const result = await sanitize(HOSTILE);

  it('removes scripts, event handlers, javascript: links, foreignObject and external references', () => {
    expect(result.svg).not.toMatch(/<script/i);
    expect(result.svg).not.toMatch(/\son[a-z]+=/i);
    expect(result.svg).not.toMatch(/javascript:/i);
    expect(result.svg).not.toMatch(/foreignObject|iframe/i);
    expect(result.svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/i);
    expect(result.svg).not.toMatch(/other-file\.svg/);
    expect(result.svg).not.toMatch(/@import|<animate/i);
  });

  it('keeps the drawing, internal references and inline images', () => {
    expect(result.svg).toContain('id="room-104"');
    expect(result.svg).toContain('fill="url(#hatch)"');
    expect(result.svg).toContain('Room 104');
    expect(result.svg).toContain('href="#room-104"');
    expect(result.svg).toContain('data:image/png;base64,iVBORw0KGgo=');
    expect(result.svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(result.size).toEqual({ width: 1200, height: 600 });
  });

  it('says what it removed, in words', () => {
    const removed = result.removed.join('\n');
    expect(result.removed.length).toBeGreaterThanOrEqual(5);
    expect(removed).toMatch(/<script>/);
    expect(removed).toMatch(/onload|onclick/);
    expect(removed).toMatch(/a <style> block \(@import\)/);
    expect(removed).toMatch(/the style attribute on <circle> \(a url\(\) that leaves the file\)/);
  });

  it('stores a clean map unchanged in substance and reports nothing removed', async () => {
    const clean = await sanitize(svg('<g class="walls"><rect width="10" height="10"/>\n  <text x="1" y="2">Room  1</text></g>'));
    expect(clean.removed).toEqual([]);
    expect(clean.size).toEqual({ width: 100, height: 50 });
    expect(clean.svg).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><g class="walls"><rect width="10" height="10"/><text x="1" y="2">Room  1</text></g></svg>');
  });

  it('gives no size for an SVG without one', async () => {
    expect((await sanitize('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')).size).toBeNull();
  });

  it('keeps a style sheet that only points inside the file, also from CDATA, and a plain DOCTYPE', async () => {
    const kept = await sanitize(
      `<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` +
        svg('<style><![CDATA[ @media (min-width: 10px) { .st0 { fill: url(#hatch); stroke: rgb(10, 20, 30) } } ]]></style><rect class="st0" transform="translate(2 3) rotate(45)"/>'),
    );
    expect(kept.removed).toEqual([]);
    expect(kept.svg).toContain('.st0 { fill: url(#hatch); stroke: rgb(10, 20, 30) }');
    expect(kept.svg).toContain('transform="translate(2 3) rotate(45)"');
  });

  it('removes CSS escapes, url() leaving the file in presentation attributes, and style that fetches (issue 11, F7)', async () => {
    const cases = [
      '<style>@\\69mport "https://evil.example/x.css";</style>',
      '<style>rect { fill: \\75rl(https://evil.example/x) }</style>',
      '<style>@font-face { font-family: x; src: url(https://evil.example/f.woff) }</style>',
      '<style>rect { background: image-set("https://evil.example/a.png" 1x) }</style>',
      '<style>rect { width: expression(alert(1)) }</style>',
      '<rect fill="url(http://evil.example/p.svg#x)"/>',
      '<rect filter="URL( \'https://evil.example/f.svg#blur\' )"/>',
      '<rect cursor="url(https://evil.example/c.cur), auto"/>',
      '<rect mask="u\\72l(https://evil.example/m.svg)"/>',
      '<rect style="fill: \\75 rl(https://evil.example/x)"/>',
      '<rect style="marker-start: url(//evil.example/m.svg#m)"/>',
    ];
    for (const inner of cases) {
      const cleaned = await sanitize(svg(inner));
      expect(cleaned.removed, inner).not.toEqual([]);
      expect(cleaned.svg, inner).not.toMatch(/evil\.example|\\|expression|@import|@font-face/i);
    }
  });

  it('refuses what is not an SVG drawing with a clear 400, never an error: frameset, HTML, text (issue 11, F8)', async () => {
    expect(await refusal('<frameset><svg xmlns="http://www.w3.org/2000/svg"/></frameset>')).toMatch(/no SVG drawing/);
    expect(await refusal('<html><body>hello</body></html>')).toMatch(/no SVG drawing/);
    expect(await refusal('<svg viewBox="0 0 1 1"><rect/></svg>')).toMatch(/no SVG drawing.*xmlns/);
    expect(await refusal('not markup at all')).toMatch(/not well-formed XML/);
    expect(await refusal('')).toMatch(/not well-formed XML|no SVG drawing/);
    expect(await refusal(svg('<rect onclick="a" onclick="b"/>'))).toMatch(/not well-formed XML/);
  });

  it('refuses, with the reason, files built to make the work explode: entities, depth, attributes, nodes', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${svg('<text>&b;</text>')}`;
    expect(await refusal(laughs)).toMatch(/DOCTYPE makes declarations of its own/);
    expect(await refusal(svg('<g>'.repeat(100) + '</g>'.repeat(100)))).toMatch(/nested more than 64 deep/);
    expect(await sanitize(svg('<g>'.repeat(60) + '</g>'.repeat(60)))).toHaveProperty('size');
    const attributes = Array.from({ length: 100 }, (_, i) => `data-a${i}="1"`).join(' ');
    expect(await refusal(svg(`<rect ${attributes}/>`))).toMatch(/more than 64 attributes/);
    expect(await refusal(svg('<rect/>'.repeat(60_000)))).toMatch(/more than 50,000 elements/);
  });

  it('reads a 5 MiB style of repeated url( in one pass (issue 11, F6)', async () => {
    const flood = svg(`<style>${'url('.repeat((5 * 1024 * 1024) / 4 - 100)}</style>`);
    const cleaned = await sanitize(flood);
    expect(cleaned.removed).toEqual(['a <style> block (a url() that leaves the file)']);
  });

  it('refuses at once, with Retry-After, when too many uploads are waiting to be checked', async () => {
    const big = utf8(svg(`<text>${'x'.repeat(2 * 1024 * 1024)}</text>`));
    const outcomes = await Promise.allSettled(Array.from({ length: MAX_WAITING_CHECKS + 4 }, () => sanitizeSvg(big)));
    const busy = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(busy.length).toBeGreaterThan(0);
    for (const error of busy) {
      expect(error).toBeInstanceOf(UploadChecksBusyError);
      expect(error).toMatchObject({ status: 429, retryAfterSeconds: 5 });
    }
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
  });
});
