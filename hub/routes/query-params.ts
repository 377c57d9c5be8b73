// Validates query parameters against a shared schema; an empty parameter (a form field left blank) counts as
// absent, and failures become a 400 with the schema's own words.
import { validator } from 'hono/validator';
import { z, type ZodType } from 'zod';
import { ApiError } from '../api-error.ts';

export function queryParams<T extends ZodType>(schema: T) {
  return validator('query', (value): z.output<T> => {
    const given = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== ''));
    const result = schema.safeParse(given);
    if (!result.success) throw new ApiError('bad_request', z.prettifyError(result.error));
    return result.data;
  });
}
