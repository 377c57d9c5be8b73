// Work a wall screen does for itself once a change is on the glass: never on the way to the paint.

/**
 * Run `work` once the page has nothing more pressing (its rendering included): a background-priority task where the
 * browser has the Prioritized Task Scheduling API, a plain task otherwise. Not an animation frame: a page in a
 * background tab gets none, and its tones must still sound.
 */
export function afterWork(work: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask?: (task: () => void, options: { priority: 'background' }) => Promise<unknown> } }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(work, { priority: 'background' });
  else setTimeout(work, 0);
}
