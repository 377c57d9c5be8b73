// Why a backup or a restore was refused, in one line a school's IT person can act on; the scripts print it without
// a stack trace and exit 1.
export class BackupError extends Error {
  override readonly name = 'BackupError';
}
