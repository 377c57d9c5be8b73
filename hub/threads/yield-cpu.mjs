// Background threads (password hashing, upload checks) call this first: on a small server a burst of their work
// keeps a core busy for seconds, and they must then take the CPU only when the event loop (a Lockdown) does not want
// it. Linux schedules threads one by one, and a thread's id is the last part of /proc/thread-self; elsewhere the
// thread keeps the hub's priority (its work is still bounded by its queue).
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

export function yieldCpuToTheHub() {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    setPriority(threadId, constants.priority.PRIORITY_LOW);
  } catch {
    // Not Linux, or not allowed.
  }
}
