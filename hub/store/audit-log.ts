// The append-only audit log: one JSON line per event (who, role, from where, when, what), fsynced.
// It lives outside the lowdb file so that a long history never slows down a mode change.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language, ModeId, Role, Scope, ShelterHazard, ShelterStrategy } from '../../shared/model.ts';
import { endTornLine, readJsonLines } from './json-lines.ts';

export interface AuditEntry {
  at: string;
  /** Username, an integration's name, or "system" for the hub itself. */
  who: string;
  role: Role | 'integration' | 'system';
  /** The client's address. */
  from: string;
  action: 'mode.set' | 'mode.all-clear' | 'mode.wording-changed' | 'mode.tones-changed' | 'hazards.marked' | 'hazards.cleared' | 'floor-plans.saved' | 'map.uploaded' | 'screen.paired' | 'screen.unpaired' | 'screen.sound-changed' | 'screen.sweep-started' | 'screen.sweep-ended' | 'screen.swept' | 'session.login' | 'session.login-failed' | 'session.logout' | 'user.created' | 'user.updated' | 'user.password-reset' | 'user.disabled' | 'user.enabled' | 'user.password-changed' | 'user.password-change-failed' | 'document.uploaded' | 'document.updated' | 'document.deleted' | 'document.replaced' | 'content.published' | 'site.changed' | 'site.imported' | 'integration.created' | 'integration.updated' | 'integration.secret-replaced' | 'integration.deleted' | 'integration.refused' | 'integration.cap-received' | 'integration.test' | 'compliance.rule-set' | 'compliance.drill-scheduled' | 'compliance.drill-unscheduled' | 'integration.weather-settings-changed' | 'integration.weather-alert' | 'after-action.observation-added' | 'after-action.observation-removed' | 'after-action.action-added' | 'after-action.action-changed' | 'after-action.action-removed' | 'procedure.acknowledged' | 'procedure.requirements-changed' | 'training.completed' | 'training.validity-changed';
  seq?: number;
  mode?: ModeId;
  scope?: Scope;
  drill?: boolean;
  /** In words, for people reading the log; a mode.set line also carries the facts below for the reports to read. */
  detail?: string;
  /** mode.set of Evacuate: where to (lines from before these fields say it only in `detail`). */
  destination?: string;
  /** mode.set of Shelter: the hazard and the strategy. */
  hazard?: ShelterHazard;
  strategy?: ShelterStrategy;
  /** mode.set: the office's note, and as it was also written in other screen languages. */
  note?: string;
  noteTranslations?: Partial<Record<Language, string>>;
}

export const AUDIT_FILE = 'audit.jsonl';

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Every entry; a torn last line (a crash mid-append) is skipped. */
  readAll(): Promise<AuditEntry[]>;
  /** Every entry, oldest first, streamed (for reports over a long history); a torn line is skipped. */
  entries(): AsyncIterable<AuditEntry>;
  close(): Promise<void>;
}

export async function openAuditLog(dataDir: string): Promise<AuditLog> {
  const path = join(dataDir, AUDIT_FILE);
  const file: FileHandle = await open(path, 'a+', 0o600);
  await endTornLine(file);
  // Group commit: lines that arrive while a write is on its way to the disk go together in the next write, with one
  // fsync. Each append still resolves only once its own line is on disk, but a burst of entries (failed logins from
  // a flood) costs one fsync per round rather than one each, so a mode change's entry never queues behind them.
  let waiting: { lines: string[]; written: Promise<void> } | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  return {
    append(entry) {
      const line = `${JSON.stringify(entry)}\n`;
      if (waiting) {
        waiting.lines.push(line);
        return waiting.written;
      }
      const lines = [line];
      const written = writing.then(async () => {
        waiting = null;
        await file.appendFile(lines.join(''));
        await file.sync();
      });
      waiting = { lines, written };
      // A failed write fails its own batch's appends, not the next batch.
      writing = written.catch(() => undefined);
      return written;
    },
    async readAll() {
      const text = await readFile(path, 'utf8');
      const entries: AuditEntry[] = [];
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          entries.push(JSON.parse(line) as AuditEntry);
        } catch {
          // Only the last line can be torn; skipping it loses nothing that was acknowledged.
        }
      }
      return entries;
    },
    entries() {
      return readJsonLines<AuditEntry>(path);
    },
    async close() {
      await writing;
      await file.close();
    },
  };
}
