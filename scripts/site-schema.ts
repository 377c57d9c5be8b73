// Writes docs/site-file.schema.json, the JSON Schema of the site file, from the same zod schemas the hub checks
// it with: `npm run docs:schema`. A unit test (shared/site-file-schema.test.ts) fails when the two drift apart.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { siteFileJsonSchema } from '../shared/site-file-schema.ts';

const path = resolve(import.meta.dirname, '../docs/site-file.schema.json');
writeFileSync(path, `${JSON.stringify(siteFileJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${path}`);
