// The password hash, run on the hub's own hashing thread (see passwords.ts): plain JavaScript, because worker
// threads load it directly, with no TypeScript loader, under the hub and under the tests alike.
import { scryptSync } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

// On a small server a burst of logins keeps this thread busy for a second or more; it must then take the CPU only
// when the event loop (a Lockdown) does not want it. Linux schedules threads one by one, and this thread's id is the
// last part of /proc/thread-self; elsewhere the thread keeps the hub's priority.
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
  setPriority(threadId, constants.priority.PRIORITY_LOW);
} catch {
  // Not Linux, or not allowed: hashing is still bounded (passwords.ts), only not yielding.
}

/** @param {{ password: string, salt: Uint8Array, keyLength: number, options: import('node:crypto').ScryptOptions }} task */
export default function derive({ password, salt, keyLength, options }) {
  return scryptSync(password, salt, keyLength, options);
}
