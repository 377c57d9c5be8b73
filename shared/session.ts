// A console's login session on the wire: who is logged in and when the session ends, so a console can warn before
// it does rather than fail in the middle of an emergency.
import { z } from 'zod';
import type { Role } from './model.ts';

export const LoginSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(1024) });
export type Login = z.infer<typeof LoginSchema>;

export interface SessionInfo {
  user: { username: string; role: Role };
  /** When the session ends at the latest (ISO instant): its role's maximum age from login. */
  expiresAt: string;
  /** Without a request for this long the session ends earlier; an open console keeps it alive. */
  idleMinutes: number;
}
