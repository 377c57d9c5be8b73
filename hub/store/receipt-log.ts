// The receipt log: when each screen first painted each mode, one JSON line per screen and mode, for drill reports.
// Append-only like the audit log, but written in batches and never fsynced per line: a fleet of 1,000 screens
// confirms a change within ~50 ms, and neither the broadcast nor the next mode change may wait behind a thousand
// disk writes. A hub crash loses the batch not yet written (at most FLUSH_DELAY_MS of receipts), a power cut what
// the operating system had not yet put on disk; for a report that is an acceptable loss. The audit log, which says
// who triggered what and when, is fsynced line by line and loses nothing acknowledged.
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModeId } from '../../shared/model.ts';
import { endTornLine, readJsonLines } from './json-lines.ts';

export interface ReceiptLine {
  /** The seq of the active mode the screen painted, 0 for normal. */
  activeSeq: number;
  /** The state seq the receipt was for. */
  seq: number;
  screenId: string;
  mode: ModeId;
  drill: boolean;
  at: string;
}

export const RECEIPT_FILE = 'receipts.jsonl';
/** Receipts are written this long after the first one of a burst: after the burst, off the broadcast. */
const FLUSH_DELAY_MS = 250;
/** More pending than this is written at once, so a flood cannot grow memory. */
const MAX_PENDING = 10_000;

type Pending = Omit<ReceiptLine, 'at'> & { at: number };

export interface ReceiptLog {
  /**
   * A receipt the hub accepted. Synchronous and cheap (it only queues); only the first receipt of a screen for
   * the mode it now shows is kept: later ones for the same mode (hazard changes, reconnects) add nothing to a report.
   */
  record(screenId: string, receipt: { seq: number; activeSeq: number; mode: ModeId; drill: boolean; at: number }): void;
  /** The lines for one active mode, in the order written, pending ones included; a torn line is skipped. */
  forActiveSeq(activeSeq: number): Promise<ReceiptLine[]>;
  /** Write what is pending now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ReceiptLogOptions {
  /** Where failures to write are reported: a lost batch must not take the hub down. */
  logError?: (message: string) => void;
}

/** A line, with activeSeq first: a reader looking for one mode skips every other line by its prefix, unparsed. */
function encodeLine(r: Pending): string {
  return JSON.stringify({ activeSeq: r.activeSeq, seq: r.seq, screenId: r.screenId, mode: r.mode, drill: r.drill, at: new Date(r.at).toISOString() });
}
const linePrefix = (activeSeq: number) => `{"activeSeq":${activeSeq},`;

export async function openReceiptLog(dataDir: string, { logError = console.error }: ReceiptLogOptions = {}): Promise<ReceiptLog> {
  const path = join(dataDir, RECEIPT_FILE);
  const file: FileHandle = await open(path, 'a+', 0o600);
  await endTornLine(file);

  /** The activeSeq last kept for each screen (one entry per screen of the site). */
  const lastKept = new Map<string, number>();
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writes: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length > 0) {
      const batch = pending;
      pending = [];
      let text = '';
      for (const receipt of batch) text += `${encodeLine(receipt)}\n`;
      writes = writes.then(() => file.appendFile(text)).catch((error: Error) => logError(`RECEIPT LOG WRITE FAILED (${batch.length} receipts): ${error.message}`));
    }
    return writes;
  };

  return {
    record(screenId, { seq, activeSeq, mode, drill, at }) {
      if (closed || lastKept.get(screenId) === activeSeq) return;
      lastKept.set(screenId, activeSeq);
      pending.push({ activeSeq, seq, screenId, mode, drill, at });
      if (pending.length >= MAX_PENDING) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), FLUSH_DELAY_MS);
        timer.unref();
      }
    },
    async forActiveSeq(activeSeq) {
      await flush();
      const prefix = linePrefix(activeSeq);
      const lines: ReceiptLine[] = [];
      for await (const line of readJsonLines<ReceiptLine>(path, (text) => text.startsWith(prefix))) lines.push(line);
      return lines;
    },
    flush,
    async close() {
      if (closed) return;
      closed = true;
      await flush();
      await file.sync().catch(() => undefined);
      await file.close();
    },
  };
}
