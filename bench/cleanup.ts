// Teardown registry: child processes and temp dirs register how to undo themselves; run once, newest first, even on failure.

type Teardown = () => Promise<void> | void;

const teardowns: { what: string; run: Teardown }[] = [];

/** Register something to undo when the bench ends (in any way). */
export function onCleanup(what: string, run: Teardown): void {
  teardowns.push({ what, run });
}

/** A teardown step bounded in time, so a stuck one cannot hang the exit. */
async function runBounded(what: string, run: Teardown): Promise<void> {
  try {
    await Promise.race([Promise.resolve().then(run), new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
  } catch (error) {
    console.error(`cleanup of ${what} failed: ${(error as Error).message}`);
  }
}

/** Where the registry stands now: pass it to cleanupTo() to undo only what was registered after. */
export function cleanupMark(): number {
  return teardowns.length;
}

/**
 * Undo what was registered since `mark`, newest first. run.ts calls it after each section, so one section's hub,
 * sockets and temp dirs neither use memory nor wake up (heartbeats) while the next section is measured.
 */
export async function cleanupTo(mark: number): Promise<void> {
  while (teardowns.length > mark) {
    const { what, run } = teardowns.pop()!;
    await runBounded(what, run);
  }
}

let running: Promise<void> | null = null;

/** Undo everything registered, newest first. */
export function cleanupAll(): Promise<void> {
  running ??= cleanupTo(0);
  return running;
}
