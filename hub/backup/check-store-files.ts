// Checks that the store files in a directory are ones the hub will open, with the hub's own schemas: a backup is
// refused rather than written, and a restore refused rather than put in place, when the hub would refuse to start.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ModeStateSchema } from '../../shared/model.ts';
import { MODE_STATE_FILE, MainDataSchema, STORE_FILE } from '../store/store.ts';
import { firstIssue } from './backup-manifest.ts';

export type StoreFilesCheck = { site: { id: string; name: string } } | { problem: string };

export async function checkStoreFiles(dir: string): Promise<StoreFilesCheck> {
  const main = await readJson(join(dir, STORE_FILE));
  if ('problem' in main) return main;
  if (main.json === undefined) return { problem: `it has no ${STORE_FILE}, the school's store` };
  const parsedMain = MainDataSchema.safeParse(main.json);
  if (!parsedMain.success) return { problem: `its ${STORE_FILE} is not a store this hub opens (${firstIssue(parsedMain.error)})` };

  // Stores written before the mode state had a file of its own keep it inside muster.json; the hub moves it on open.
  const modes = await readJson(join(dir, MODE_STATE_FILE));
  if ('problem' in modes) return modes;
  if (modes.json !== undefined) {
    const parsedModes = ModeStateSchema.safeParse(modes.json);
    if (!parsedModes.success) return { problem: `its ${MODE_STATE_FILE} is not a mode state this hub opens (${firstIssue(parsedModes.error)})` };
  }
  const { id, name } = parsedMain.data.site;
  return { site: { id, name } };
}

/** The parsed file, `json: undefined` when it does not exist. */
async function readJson(path: string): Promise<{ json: unknown } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { json: undefined };
    return { problem: `cannot read ${path} (${(error as Error).message})` };
  }
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return { problem: `its ${basename(path)} is not valid JSON (${(error as Error).message})` };
  }
}
