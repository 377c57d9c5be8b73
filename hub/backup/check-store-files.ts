// Checks that the store files in a directory are ones the hub will open, with the hub's own schemas: a backup is
// refused rather than written, and a restore refused rather than put in place, when the hub would refuse to start.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ModeStateSchema } from '../../shared/model.ts';
import { COMMIT_FILE } from '../store/parted-document.ts';
import { readJsonJournal } from '../store/json-journal.ts';
import { MODE_STATE_FILE, MODE_STATE_JOURNAL, STORE_FILE, STORE_PARTS, STORE_PARTS_DIR, StoreIndexSchema, WholeStoreSchema } from '../store/store.ts';
import { firstIssue } from './backup-manifest.ts';

export type StoreFilesCheck = { site: { id: string; name: string } } | { problem: string };

export async function checkStoreFiles(dir: string): Promise<StoreFilesCheck> {
  const main = await readJson(dir, STORE_FILE);
  if ('problem' in main) return main;
  if (main.json === undefined) return { problem: `it has no ${STORE_FILE}, the school's store` };
  let site: { id: string; name: string };
  if ((main.json as { schemaVersion?: unknown }).schemaVersion === 1) {
    // A store written before its parts had files of their own: the hub moves it on open.
    const parsed = WholeStoreSchema.safeParse(main.json);
    if (!parsed.success) return notOpened(STORE_FILE, parsed.error);
    site = parsed.data.site;
  } else {
    const index = StoreIndexSchema.safeParse(main.json);
    if (!index.success) return notOpened(STORE_FILE, index.error);
    const parts = await checkParts(dir);
    if ('problem' in parts) return parts;
    site = parts.site;
  }

  // Stores written before the mode state had a journal keep it in mode-state.json, or before that inside muster.json;
  // the hub moves it on open.
  const journal = await checkJournal(dir);
  if ('problem' in journal) return journal;
  const modes = await checkFile(dir, MODE_STATE_FILE, z.optional(ModeStateSchema));
  if ('problem' in modes) return modes;
  return { site: { id: site.id, name: site.name } };
}

async function checkJournal(dir: string): Promise<{ ok: true } | { problem: string }> {
  try {
    await readJsonJournal(join(dir, MODE_STATE_JOURNAL), ModeStateSchema);
    return { ok: true };
  } catch (error) {
    return { problem: `its ${MODE_STATE_JOURNAL} is not a mode state this hub opens (${(error as Error).message})` };
  }
}

/** Every part file, and a commit the hub had not finished putting in place (the hub finishes it on open). */
async function checkParts(dir: string): Promise<{ site: { id: string; name: string } } | { problem: string }> {
  const commitPath = `${STORE_PARTS_DIR}/${COMMIT_FILE}`;
  const commit = await readJson(dir, commitPath);
  if ('problem' in commit) return commit;
  const committed = (commit.json ?? {}) as Record<string, unknown>;
  for (const part of Object.keys(committed)) {
    if (!Object.hasOwn(STORE_PARTS, part)) return { problem: `its ${commitPath} names ${part}, which is not a part of the store` };
  }
  let site: { id: string; name: string } | null = null;
  for (const [part, { file, schema }] of Object.entries(STORE_PARTS) as [string, { file: string; schema: z.core.$ZodType }][]) {
    const path = `${STORE_PARTS_DIR}/${file}`;
    const checked = Object.hasOwn(committed, part) ? checkValue(commitPath, committed[part], schema) : await checkFile(dir, path, schema);
    if ('problem' in checked) return checked;
    if (checked.value === undefined) return { problem: `it has no ${path}` };
    if (part === 'site') site = checked.value as { id: string; name: string };
  }
  return { site: site! };
}

/** A file checked with `schema`; a missing file is checked as undefined (a part with a default may be absent). */
async function checkFile(dir: string, path: string, schema: z.core.$ZodType): Promise<{ value: unknown } | { problem: string }> {
  const read = await readJson(dir, path);
  return 'problem' in read ? read : checkValue(path, read.json, schema);
}

function checkValue(path: string, json: unknown, schema: z.core.$ZodType): { value: unknown } | { problem: string } {
  const parsed = z.safeParse(schema, json);
  return parsed.success ? { value: parsed.data } : notOpened(path, parsed.error);
}

const notOpened = (path: string, error: Parameters<typeof firstIssue>[0]) => ({ problem: `its ${path} is not a store this hub opens (${firstIssue(error)})` });

/** The parsed file, `json: undefined` when it does not exist. */
async function readJson(dir: string, path: string): Promise<{ json: unknown } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(join(dir, path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { json: undefined };
    return { problem: `cannot read ${join(dir, path)} (${(error as Error).message})` };
  }
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return { problem: `its ${path} is not valid JSON (${(error as Error).message})` };
  }
}
