// Teardown registry: child processes and temp dirs register how to undo themselves; run once, newest first, even on failure.

type Teardown = () => Promise<void> | void;

const teardowns: { what: string; run: Teardown }[] = [];

/** Register something to undo when the bench ends (in any way). */
export function onCleanup(what: string, run: Teardown): void {
  teardowns.push({ what, run });
}

let running: Promise<void> | null = null;

/** Undo everything registered, newest first; each step is bounded so a stuck one cannot hang the exit. */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (teardowns.length > 0) {
      const { what, run } = teardowns.pop()!;
      try {
        await Promise.race([
          Promise.resolve().then(run),
          new Promise<void>((resolve) => setTimeout(resolve, 5000).unref()),
        ]);
      } catch (error) {
        console.error(`cleanup of ${what} failed: ${(error as Error).message}`);
      }
    }
  })();
  return running;
}
