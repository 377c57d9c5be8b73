// The site file's JSON Schema, generated from its zod schema so the documentation cannot drift from what the
// hub accepts. Written to docs/site-file.schema.json by scripts/site-schema.ts.
import { z } from 'zod';
import { SiteFileSchema } from './site-settings.ts';

export function siteFileJsonSchema(): Record<string, unknown> {
  // "input": what a file may say (fields with defaults may be left out), not what the hub makes of it.
  return z.toJSONSchema(SiteFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
