// Writes years of realistic audit history (hub/store/audit-log.ts format) into a data dir before a hub starts on it:
// logins, drills and their All Clears, hazards, floor-plan saves, from a handful of office and admin users.
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_FILE, type AuditEntry } from '../hub/store/audit-log.ts';
import type { ModeId, Scope } from '../shared/model.ts';

const USERS = [
  { who: 'office', role: 'office' },
  { who: 'frontdesk-2', role: 'office' },
  { who: 'principal', role: 'office' },
  { who: 'facilities', role: 'admin' },
  { who: 'admin', role: 'admin' },
] as const;
const MODES: ModeId[] = ['hold', 'secure', 'lockdown', 'evacuate', 'shelter'];
const SCOPES: Scope[] = [{ kind: 'site' }, { kind: 'building', buildingId: 'building-2' }, { kind: 'zone', zoneId: 'building-1-zone-3' }];
/** Lines written per write call: a few MB at a time, not 100,000 small writes. */
const CHUNK = 5000;

/** A deterministic pseudo-random sequence, so every run writes the same history. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

function entry(i: number, at: Date, seq: number, rand: () => number): AuditEntry {
  const user = USERS[Math.floor(rand() * USERS.length)]!;
  const from = `10.20.${Math.floor(rand() * 8)}.${10 + Math.floor(rand() * 200)}`;
  const base = { at: at.toISOString(), who: user.who, role: user.role, from };
  const kind = i % 20;
  // Roughly what a school's log holds: mostly sessions, a drill with its All Clear now and then.
  if (kind < 9) return { ...base, action: 'session.login' };
  if (kind < 13) return { ...base, action: 'session.logout' };
  if (kind === 13) return { ...base, who: `guess-${Math.floor(rand() * 50)}`, role: 'system', action: 'session.login-failed' };
  const scope = SCOPES[Math.floor(rand() * SCOPES.length)]!;
  if (kind < 16) {
    const mode = MODES[Math.floor(rand() * MODES.length)]!;
    const detail = mode === 'evacuate' ? 'to Football field' : mode === 'shelter' ? 'tornado: shelter area' : undefined;
    return { ...base, action: 'mode.set', seq, mode, scope, drill: rand() < 0.95, detail };
  }
  if (kind < 18) return { ...base, action: 'mode.all-clear', seq, mode: 'normal', scope, drill: true, detail: `cleared ${seq - 1}` };
  if (kind === 18) return { ...base, action: rand() < 0.5 ? 'hazards.marked' : 'hazards.cleared', seq, detail: 'areas building-1-floor-2-hall-east; exits poi-exit-14' };
  return { ...base, role: 'admin', who: 'facilities', action: 'floor-plans.saved', detail: 'building-1: 3 floors, version 7f3a9c' };
}

/** Append `lines` entries to `dataDir`/audit.jsonl, spread over the past `years`, and fsync them: a real hub's
 * history is on disk, not waiting in the page cache for the first mode change's fsync to flush it. */
export async function writeAuditHistory(dataDir: string, lines: number, years = 3): Promise<{ bytes: number }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const rand = random(42);
  const end = Date.now() - 24 * 3600_000;
  const step = (years * 365 * 24 * 3600_000) / lines;
  const file = await open(join(dataDir, AUDIT_FILE), 'a', 0o600);
  let bytes = 0;
  let seq = 0;
  try {
    for (let start = 0; start < lines; start += CHUNK) {
      let text = '';
      for (let i = start; i < Math.min(lines, start + CHUNK); i++) {
        if (i % 20 >= 14) seq += 1;
        text += `${JSON.stringify(entry(i, new Date(end - (lines - i) * step), seq, rand))}\n`;
      }
      await file.appendFile(text);
      bytes += Buffer.byteLength(text);
    }
    await file.sync();
  } finally {
    await file.close();
  }
  return { bytes };
}
