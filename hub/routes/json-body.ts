// Validates a JSON body against a shared schema; failures become a 400 with the schema's own words.
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { ApiError } from '../api-error.ts';

export function jsonBody<T extends $ZodType>(schema: T) {
  return zValidator('json', schema, (result) => {
    if (!result.success) throw new ApiError('bad_request', z.prettifyError(result.error));
  });
}
