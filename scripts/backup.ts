// `npm run backup -- [--data DIR] [--out FILE|DIR]`: one archive of everything a school would lose with its hub.
// Safe while the hub runs. The logic is in hub/backup/backup-archive.ts.
import { parseArgs } from 'node:util';
import { fromCaller, hubDataDir, interruption } from './backup-cli.ts';
import { createBackup } from '../hub/backup/backup-archive.ts';
import { BackupError } from '../hub/backup/backup-error.ts';
import type { ManifestFile } from '../hub/backup/backup-manifest.ts';

const USAGE = `Usage: npm run backup -- [--data DIR] [--out FILE|DIR]

  --data  the hub's data directory (default: MUSTER_DATA, or ./data)
  --out   the archive to write, or a directory to write it into as
          muster-backup-<school>-<UTC time>.tar.gz (default: the current directory)`;

function usageError(message: string): never {
  console.error(`npm run backup: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    usageError((error as Error).message);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }

  const { data, out } = parsed.values;
  const result = await createBackup({ dataDir: data ? fromCaller(data) : hubDataDir(), out: fromCaller(out ?? '.'), signal: interruption('no archive was written') });
  const { manifest } = result;
  const lines = [
    `Wrote ${result.archivePath} (${formatBytes(result.archiveBytes)}), read back and checked:`,
    `  ${manifest.site.name} (${manifest.site.id}), ${manifest.files.length} files, ${formatBytes(total(manifest.files))} before compression:`,
    ...groups(manifest.files).map(([name, files]) => `    ${name.padEnd(18)} ${files.length > 1 ? `${files.length} files, ` : ''}${formatBytes(total(files))}`),
  ];
  for (const path of result.trimmed) lines.push(`  ${path}: its last line was being written and is left out (it was not yet confirmed)`);
  if (result.skipped.length > 0) lines.push(`  Left out: ${result.skipped.join('; ')}`);
  lines.push(
    '',
    'Keep it secret and off this machine: it holds the users\' password hashes' +
      (manifest.files.some((file) => file.path.startsWith('tls/')) ? " and the certificate authority's private key (tls/ca.key)" : '') +
      '.',
    'Only your user can read it (mode 0600); store it where only the people who run the hub can.',
    `Restore it, on this machine or a new one, into a new or empty directory: npm run restore -- ${result.archivePath} --data DIR`,
  );
  console.log(lines.join('\n'));
}

/** Top-level files by name, folders as one line each. */
function groups(files: ManifestFile[]): [string, ManifestFile[]][] {
  const byGroup = new Map<string, ManifestFile[]>();
  for (const file of files) {
    const slash = file.path.indexOf('/');
    const group = slash < 0 ? file.path : `${file.path.slice(0, slash)}/`;
    byGroup.set(group, [...(byGroup.get(group) ?? []), file]);
  }
  return [...byGroup];
}

const total = (files: ManifestFile[]) => files.reduce((sum, file) => sum + file.size, 0);

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

main().catch((error: unknown) => {
  // A refusal is one line a person can act on; anything else is still only its message, never a stack trace.
  console.error(`npm run backup: ${error instanceof BackupError ? error.message : `failed: ${(error as Error).message}`}`);
  process.exit(1);
});
