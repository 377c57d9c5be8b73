// Append-only JSON-lines files (the audit and receipt logs): end a line torn by a crash, and stream lines back.
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/**
 * A crash mid-append leaves a last line without its newline. End it before appending, or the first line written
 * after the restart would be glued to it and both would be unreadable. The file must be open for reading ('a+').
 */
export async function endTornLine(file: FileHandle): Promise<void> {
  const { size } = await file.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await file.read(last, 0, 1, size - 1);
  if (last[0] !== 0x0a) await file.appendFile('\n');
}

/**
 * Every parsed line, in file order, streamed: reading a long history in one go would hold up the broadcasts
 * meanwhile. `keep` skips lines unparsed. A line that does not parse (torn by a crash) is skipped.
 */
export async function* readJsonLines<T>(path: string, keep: (line: string) => boolean = () => true): AsyncGenerator<T> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line === '' || !keep(line)) continue;
      let value: T;
      try {
        value = JSON.parse(line) as T;
      } catch {
        continue;
      }
      yield value;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
