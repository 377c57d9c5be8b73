// `npm run restore -- FILE [--data DIR]`: brings a backup into a new or empty data directory, all or nothing.
// The logic is in hub/backup/restore-archive.ts.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
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
    // How the hub serves HTTPS is told in the README; only the authority's part is said here, as it does not change.
    lines.push(
      `The certificate authority came back in ${dataDir}/tls: kiosks that trust its ca.crt need nothing new. If this machine`,
      'answers to another name or address than the old one, see "HTTPS on the school network" in README.md for the hub certificate.',
    );
  }
  console.log(lines.join('\n'));
}

/** Ctrl-C or a service stop ends the work through its clean-up, which removes the temporary files, instead of killing it mid-way. */
function interruption(outcome: string): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => controller.abort(new BackupError(`interrupted (${signal}): ${outcome}, and its temporary files are removed`)));
  }
  return controller.signal;
}

/** npm runs scripts in the project folder; paths typed by the caller are meant from where they typed them. */
function fromCaller(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
/** The hub resolves MUSTER_DATA (or ./data) from its own working directory, the project folder under npm start. */
function hubDataDir(): string {
  return resolve(process.env.MUSTER_DATA || './data');
}

main().catch((error: unknown) => {
  // A refusal is one line a person can act on; anything else is still only its message, never a stack trace.
  console.error(`npm run restore: ${error instanceof BackupError ? error.message : `failed: ${(error as Error).message}`}`);
  process.exit(1);
});
