// What npm run backup and npm run restore share: where a typed path and the hub's data directory are, and a
// Ctrl-C or service stop that ends the work through its clean-up.
import { resolve } from 'node:path';
import { BackupError } from '../hub/backup/backup-error.ts';

/** Ctrl-C or a service stop ends the work through its clean-up, which removes the temporary files, instead of killing it mid-way. */
export function interruption(outcome: string): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => controller.abort(new BackupError(`interrupted (${signal}): ${outcome}, and its temporary files are removed`)));
  }
  return controller.signal;
}

/** npm runs scripts in the project folder; paths typed by the caller are meant from where they typed them. */
export function fromCaller(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** The hub resolves MUSTER_DATA (or ./data) from its own working directory, the project folder under npm start. */
export function hubDataDir(): string {
  return resolve(process.env.MUSTER_DATA || './data');
}
