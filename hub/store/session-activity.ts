// When each login session was last used, in a small file of its own (session-activity.json, beside the store): a
// restart must not make a session that sat idle for hours young again. auth/sessions.ts decides when to write it.
import { join } from 'node:path';
import { z } from 'zod';
import { openJsonDocument, type JsonDocument } from './json-document.ts';

export const SESSION_ACTIVITY_FILE = 'session-activity.json';

/** Session key (the stored hash of its cookie value) → when it was last used (ms since the epoch). */
const SessionActivitySchema = z.record(z.string(), z.number().int().min(0));
export type SessionActivity = z.infer<typeof SessionActivitySchema>;

export function openSessionActivity(dataDir: string): Promise<JsonDocument<SessionActivity>> {
  return openJsonDocument(join(dataDir, SESSION_ACTIVITY_FILE), SessionActivitySchema, () => ({}));
}
