// The first entry of every Muster backup archive: what made it, when, of which school, and the size and SHA-256 of
// every file in it. A restore trusts nothing in an archive that this list does not vouch for.
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'muster-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** A manifest is a list of file names and hashes; a bigger one is not ours, and is not read into memory. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

/**
 * Why a path inside an archive could land outside the directory it is restored into, or null when it cannot:
 * relative, '/'-separated, no '.', '..' or empty segment, no backslash or NUL, no drive letter.
 */
export function unsafePathReason(path: string): string | null {
  if (path === '') return 'an empty path';
  if (path.includes('\0')) return 'a NUL character';
  if (path.includes('\\')) return 'a backslash';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'an absolute path';
  const segments = path.split('/');
  if (segments.includes('..')) return 'a ".." segment';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'an empty or "." segment';
  return null;
}

const ArchivePathSchema = z.string().superRefine((path, context) => {
  const reason = unsafePathReason(path);
  if (reason) context.addIssue({ code: 'custom', message: `${JSON.stringify(path)} has ${reason}` });
  if (path === MANIFEST_FILE) context.addIssue({ code: 'custom', message: `${MANIFEST_FILE} lists itself` });
});

export const ManifestFileSchema = z.object({
  path: ArchivePathSchema,
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const BackupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  /** The Muster that made it: package version, and the build id of the browser apps when they were built. */
  app: z.object({ version: z.string(), build: z.string().optional() }),
  /** Which school, so a person restoring can tell one backup from another. */
  site: z.object({ id: z.string(), name: z.string() }),
  files: z.array(ManifestFileSchema).superRefine((files, context) => {
    const seen = new Set<string>();
    for (const file of files) {
      if (seen.has(file.path)) context.addIssue({ code: 'custom', message: `${file.path} is listed twice` });
      seen.add(file.path);
    }
  }),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/**
 * The manifest in `text`, or a BackupError-ready reason why not. A different `format` or a newer `version` is told
 * apart from damage, because the fix differs (another file, or a newer Muster).
 */
export function parseManifest(text: string): { manifest: BackupManifest } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: `its ${MANIFEST_FILE} is not valid JSON` };
  }
  const head = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(json);
  if (!head.success || head.data.format !== BACKUP_FORMAT) return { problem: `its ${MANIFEST_FILE} is not a Muster backup manifest` };
  if (head.data.version !== BACKUP_FORMAT_VERSION) {
    const newer = typeof head.data.version === 'number' && head.data.version > BACKUP_FORMAT_VERSION;
    return {
      problem: newer
        ? `it was made by a newer Muster (backup format ${head.data.version}; this one reads ${BACKUP_FORMAT_VERSION}): update Muster, then restore`
        : `its backup format version ${JSON.stringify(head.data.version)} is not one this Muster reads (${BACKUP_FORMAT_VERSION})`,
    };
  }
  const parsed = BackupManifestSchema.safeParse(json);
  if (!parsed.success) return { problem: `its ${MANIFEST_FILE} is not valid: ${firstIssue(parsed.error)}` };
  return { manifest: parsed.data };
}

/** One issue of a zod error, as `where: what`, for one-line messages. */
export function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'no details';
  const where = issue.path.join('.');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${where ? `${where}: ` : ''}${issue.message}${more}`;
}
