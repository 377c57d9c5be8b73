// Validates a JSON body against a shared schema; failures become a 400 with the schema's own words.
import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { z } from 'zod';
import { ApiError } from '../api-error.ts';

export function jsonBody<T extends ZodType>(schema: T) {
  return zValidator('json', schema, (result) => {
    if (!result.success) throw new ApiError('bad_request', z.prettifyError(result.error));
  });
}
