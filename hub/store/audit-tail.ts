// Reads the audit log from where the last read stopped: each call parses only the lines appended since, so a reader
// that follows the log (the CAP feed) does not read years of history again at every mode change.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AUDIT_FILE, type AuditEntry } from './audit-log.ts';

export interface AuditTail {
  /**
   * The entries appended since the last call (all of them on the first), in file order. `restarted` is true when
   * the file was replaced or cut shorter since (a restore): the entries are then the whole file again.
   */
  readNew(): Promise<{ entries: AuditEntry[]; restarted: boolean }>;
}

/** Lines are a few hundred bytes; one longer than this is looked for in steps of this size. */
const LOOK_BACK_BYTES = 64 * 1024;

/**
 * Follows `dataDir`/audit.jsonl. `keep` skips lines unparsed (most of a long log is logins). Only whole lines are
 * read: a line being appended right now, without its newline yet, is read at the next call.
 */
export function openAuditTail(dataDir: string, keep: (line: string) => boolean = () => true): AuditTail {
  const path = join(dataDir, AUDIT_FILE);
  let offset = 0;
  let inode = -1;
  let reading: Promise<unknown> = Promise.resolve();

  /** The byte just after the last newline before `size`: where the whole lines end. */
  const endOfWholeLines = async (size: number): Promise<number> => {
    const file = await open(path, 'r');
    try {
      for (let end = size; end > offset; end -= LOOK_BACK_BYTES) {
        const start = Math.max(offset, end - LOOK_BACK_BYTES);
        const buffer = Buffer.alloc(end - start);
        await file.read(buffer, 0, buffer.length, start);
        const newline = buffer.lastIndexOf(0x0a);
        if (newline !== -1) return start + newline + 1;
      }
      return offset;
    } finally {
      await file.close();
    }
  };

  const read = async () => {
    let info;
    try {
      info = await stat(path);
    } catch {
      return { entries: [], restarted: false };
    }
    const restarted = inode !== -1 && (info.ino !== inode || info.size < offset);
    if (restarted) offset = 0;
    inode = info.ino;
    const entries: AuditEntry[] = [];
    const end = info.size > offset ? await endOfWholeLines(info.size) : offset;
    if (end > offset) {
      // Streamed, a chunk at a time: the first read of a long log must not hold up the broadcasts meanwhile.
      const input = createReadStream(path, { encoding: 'utf8', start: offset, end: end - 1 });
      const lines = createInterface({ input, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          if (line === '' || !keep(line)) continue;
          try {
            entries.push(JSON.parse(line) as AuditEntry);
          } catch {
            // A line torn by a crash (ended by the next start): nothing acknowledged was on it.
          }
        }
      } finally {
        lines.close();
        input.destroy();
      }
      offset = end;
    }
    return { entries, restarted };
  };

  return {
    readNew() {
      // One read at a time, each from where the one before stopped: no line is read twice.
      const next = reading.then(read);
      reading = next.catch(() => undefined);
      return next;
    },
  };
}
