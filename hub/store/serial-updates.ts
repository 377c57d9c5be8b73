// What both durable documents (json-document.ts, json-journal.ts) do around a write: updates run one at a time, in
// the order asked, each on a copy of the committed state that must pass the document's schema before it is written.
import { z } from 'zod';
import { StorageError } from './json-document.ts';

/** Runs each task after the one before has settled, whether it succeeded or not. */
export function serialQueue(): <R>(task: () => Promise<R>) => Promise<R> {
  let queue: Promise<unknown> = Promise.resolve();
  return (task) => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
}

/**
 * `mutate` applied to a copy of `committed`, checked with the schema the loader uses: a state that the next start
 * would refuse never reaches disk.
 */
export function checkedDraft<T, R>(path: string, schema: z.core.$ZodType<T>, committed: T, mutate: (draft: T) => R): { draft: T; result: R } {
  const draft = structuredClone(committed);
  const result = mutate(draft);
  const checked = z.safeParse(schema, draft);
  if (!checked.success) throw new StorageError(`a change to ${path} was refused: it would leave the store invalid:\n${z.prettifyError(checked.error)}`);
  return { draft, result };
}
