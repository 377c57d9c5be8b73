// A small JSON document kept as a journal of its states, one JSON line each. An update appends the new state and
// flushes it with one fdatasync: no new file, no rename and no directory sync, which the temp-file way
// (json-document.ts) needs and which cost the mode state two flushes and a file creation on the path every Lockdown
// takes before it reaches the screens (measured here: 4–13 ms at the median, 30–60 ms at worst, against 0.3–4 ms).
//
// The last line is the state. A crash mid-append can leave that line cut short: it was never acknowledged, so it is
// dropped and the line before it is the state. Any other line that does not read back is damage, and the file is
// left untouched. On open, and once it has grown past COMPACT_AFTER_LINES, the journal is rewritten to its last
// state the temp-file way, which also ends a torn tail before anything is appended after it.
import { open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileDurably } from './durable-json-file.ts';
import { StorageError, type JsonDocument } from './json-document.ts';
import { checkedDraft, serialQueue } from './serial-updates.ts';

/** Past this many lines the journal is rewritten to its last state (a mode state is a few hundred bytes). */
export const COMPACT_AFTER_LINES = 1000;

export type JournalRead<T> = { kind: 'absent' } | { kind: 'state'; state: T; lines: number; torn: boolean };

/** The journal's last state, checked with `schema`; `absent` for no file or an empty one. Throws StorageError. */
export async function readJsonJournal<T>(path: string, schema: z.core.$ZodType<T>): Promise<JournalRead<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw new StorageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const lines = text.split('\n').filter((line) => line !== '');
  if (lines.length === 0) return { kind: 'absent' };
  const torn = !text.endsWith('\n') || !parses(lines.at(-1)!);
  if (torn) lines.pop();
  if (lines.length === 0) throw new StorageError(`${path} holds no whole state, only a line cut short; it was left untouched`);
  let json: unknown;
  try {
    json = JSON.parse(lines.at(-1)!);
  } catch (error) {
    throw new StorageError(`${path} is damaged: its last whole line is not JSON (${(error as Error).message}); it was left untouched`);
  }
  const checked = z.safeParse(schema, json);
  if (!checked.success) throw new StorageError(`${path} does not hold a valid Muster store; it was left untouched:\n${z.prettifyError(checked.error)}`);
  return { kind: 'state', state: checked.data, lines: lines.length, torn };
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the journal at `path`; without one, its first state is `initial()` (an older file's state, or a seed). The
 * journal is on disk, holding exactly its state, before this resolves; `initial` is asked only when there is none.
 */
export async function openJsonJournal<T>(
  path: string,
  schema: z.core.$ZodType<T>,
  initial: () => Promise<T> | T,
  compactAfterLines = COMPACT_AFTER_LINES,
): Promise<JsonDocument<T>> {
  const found = await readJsonJournal(path, schema);
  let committed: T = found.kind === 'state' ? found.state : await checkedInitial(path, schema, initial);
  await writeFileDurably(path, line(committed));
  let lines = 1;
  /** An append that failed may have left part of a line: the next write rewrites the file instead of appending. */
  let tailSuspect = false;
  const serially = serialQueue();

  const append = async (text: string) => {
    const file = await open(path, 'a', 0o600);
    try {
      await file.appendFile(text);
      await file.datasync();
    } finally {
      await file.close();
    }
  };

  return {
    get data() {
      return committed;
    },
    update<R>(mutate: (draft: T) => R): Promise<R> {
      return serially(async () => {
        const { draft, result } = checkedDraft(path, schema, committed, mutate);
        const text = line(draft);
        try {
          if (tailSuspect || lines >= compactAfterLines) {
            await writeFileDurably(path, text);
            lines = 1;
            tailSuspect = false;
          } else {
            await append(text);
            lines += 1;
          }
        } catch (error) {
          tailSuspect = true;
          throw new StorageError(`could not write ${path}: ${(error as Error).message}`);
        }
        committed = draft;
        return result;
      });
    },
  };
}

async function checkedInitial<T>(path: string, schema: z.core.$ZodType<T>, initial: () => Promise<T> | T): Promise<T> {
  const checked = z.safeParse(schema, await initial());
  if (!checked.success) throw new StorageError(`the first state of ${path} is not valid:\n${z.prettifyError(checked.error)}`);
  return checked.data;
}

const line = (state: unknown) => `${JSON.stringify(state)}\n`;
