// The secrets a first start makes (generated passwords, the device-token links of pre-paired screens), written once
// to a file in the data directory that only the hub's user may read: never to stdout, which goes to the journal.
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const FIRST_START_SECRETS_FILE = 'first-start-secrets.txt';

/** Writes the lines to dataDir/first-start-secrets.txt (mode 0600, replacing an older one whole); returns its path. */
export async function writeFirstStartSecrets(dataDir: string, lines: string[]): Promise<string> {
  const path = join(dataDir, FIRST_START_SECRETS_FILE);
  const temporary = `${path}.tmp`;
  await rm(temporary, { force: true });
  // Made with its mode: a file created first and restricted afterwards could be read in between.
  const file = await open(temporary, 'wx', 0o600);
  try {
    await file.writeFile(`Muster: secrets made on the first start, ${new Date().toISOString()}. Keep them safe, then delete this file.\n\n${lines.join('\n')}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  return path;
}
