import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteFileJsonSchema } from './site-file-schema.ts';

describe('the site file JSON Schema in docs/', () => {
  it('is the one generated from the zod schemas (run npm run docs:schema after changing them)', () => {
    const checkedIn = JSON.parse(readFileSync(resolve(import.meta.dirname, '../docs/site-file.schema.json'), 'utf8'));
    expect(checkedIn).toEqual(siteFileJsonSchema());
  });

  it('describes the parts a school writes: buildings with floors, zones, screens, destinations, floor plans', () => {
    const schema = siteFileJsonSchema() as any;
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'version', 'site', 'wayfinding']));
    const site = schema.properties.site;
    expect(Object.keys(site.properties)).toEqual(expect.arrayContaining(['name', 'timeZone', 'units', 'languages', 'buildings', 'zones', 'screens', 'destinations']));
    expect(site.properties.units.enum).toEqual(['feet', 'metres']);
  });
});
