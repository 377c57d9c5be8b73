// `npm run restore -- FILE [--data DIR]`: brings a backup into a new or empty data directory, all or nothing.
// The logic is in hub/backup/restore-archive.ts.
import { parseArgs } from 'node:util';
import { fromCaller, hubDataDir, interruption } from './backup-cli.ts';
import { BackupError } from '../hub/backup/backup-error.ts';
import { restoreBackup } from '../hub/backup/restore-archive.ts';

const USAGE = `Usage: npm run restore -- FILE [--data DIR]

  FILE    an archive written by npm run backup (muster-backup-….tar.gz)
  --data  the data directory to create; it must not exist yet, or be empty
          (default: MUSTER_DATA, or ./data)`;

function usageError(message: string): never {
  console.error(`npm run restore: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        data: { type: 'string' },
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
  if (parsed.positionals.length !== 1) usageError(parsed.positionals.length === 0 ? 'which archive? give its file name' : 'give one archive');

  const { data } = parsed.values;
  const { dataDir, manifest } = await restoreBackup({
    archivePath: fromCaller(parsed.positionals[0]!),
    dataDir: data ? fromCaller(data) : hubDataDir(),
    signal: interruption('nothing was restored'),
  });
  const hasTls = manifest.files.some((file) => file.path.startsWith('tls/'));
  const lines = [
    `Restored ${manifest.site.name} (${manifest.site.id}), backed up ${manifest.createdAt} by Muster ${manifest.app.version}:`,
    `  ${manifest.files.length} files, every one checked against the SHA-256 in the archive's manifest, into ${dataDir}`,
    '',
    `Start the hub on it: MUSTER_DATA=${dataDir} npm start (as the user that runs the hub: the files are readable only by ${process.env.USER ?? 'you'}).`,
  ];
  if (hasTls) {
    // The hub's own certificate follows the machine's names (hub/tls/hub-certificate.ts); only the authority must come back.
    lines.push(
      `The certificate authority came back in ${dataDir}/tls: kiosks that trust its ca.crt need nothing new. If this machine`,
      'answers to another name or address, the hub (tls: auto, the default) issues itself a certificate for it from that authority at start.',
    );
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  // A refusal is one line a person can act on; anything else is still only its message, never a stack trace.
  console.error(`npm run restore: ${error instanceof BackupError ? error.message : `failed: ${(error as Error).message}`}`);
  process.exit(1);
});
