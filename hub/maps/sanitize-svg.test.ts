// SVG maps are stored without anything that could run or reach outside the file, and keep their drawing.
import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from './sanitize-svg.ts';

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

describe('sanitizeSvg', async () => {
  const result = (await sanitizeSvg(HOSTILE))!;

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
    expect(result.removed.length).toBeGreaterThanOrEqual(5);
    expect(result.removed.join('\n')).toMatch(/script/);
    expect(result.removed.join('\n')).toMatch(/onload|onclick/);
  });

  it('stores a clean map unchanged in substance and reports nothing removed', async () => {
    const clean = (await sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><rect width="10" height="10"/></svg>'))!;
    expect(clean.removed).toEqual([]);
    expect(clean.size).toEqual({ width: 100, height: 50 });
  });

  it('finds no SVG in other text, and no size in an SVG without one', async () => {
    expect(await sanitizeSvg('<html><body>hello</body></html>')).toBeNull();
    expect(await sanitizeSvg('not markup at all')).toBeNull();
    expect((await sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'))!.size).toBeNull();
  });
});
