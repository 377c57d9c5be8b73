// What the hub knows about each screen at run time: connection, last contact, last render receipt.
// Kept in memory only: it is rebuilt within seconds as screens reconnect, and writing it to disk on every
// receipt would make a mode change wait behind a thousand writes.
import type { ActiveMode, ModeId } from '../../shared/model.ts';
import type { SoundHealth } from '../../shared/protocol.ts';

export interface ReceiptRecord {
  seq: number;
  activeSeq: number;
  mode: ModeId;
  drill: boolean;
  at: number;
}

export interface ScreenRuntime {
  online: boolean;
  lastSeenAt: number | null;
  build: string | null;
  /** When the screen's page started (its own clock, from its hello), for its uptime. */
  appStartedAt: number | null;
  /** The content revision the hub last sent it. */
  contentRevision: number | null;
  /** Whether it can sound its tones, as it last said. */
  sound: SoundHealth | null;
  lastReceipt: ReceiptRecord | null;
  /** The effective mode's seq the screen's receipts last showed, and since when. */
  shownActiveSeq: number | null;
  shownSince: number | null;
  /** What the screen must show now (0 = normal), and the state seq since when it must. */
  expectedActiveSeq: number;
  expectedMode: ModeId;
  expectedDrill: boolean;
  expectedSince: number;
}

export function newScreenRuntime(): ScreenRuntime {
  return {
    online: false,
    lastSeenAt: null,
    build: null,
    appStartedAt: null,
    contentRevision: null,
    sound: null,
    lastReceipt: null,
    shownActiveSeq: null,
    shownSince: null,
    expectedActiveSeq: 0,
    expectedMode: 'normal',
    expectedDrill: false,
    expectedSince: 0,
  };
}

/** Point a screen at its new effective mode after a change; keeps `expectedSince` when nothing changed for it. True when it changed. */
export function setExpected(runtime: ScreenRuntime, effective: ActiveMode | null, seq: number): boolean {
  const activeSeq = effective?.seq ?? 0;
  if (activeSeq === runtime.expectedActiveSeq && runtime.expectedSince !== 0) return false;
  runtime.expectedActiveSeq = activeSeq;
  runtime.expectedMode = effective?.mode ?? 'normal';
  runtime.expectedDrill = effective?.drill ?? false;
  runtime.expectedSince = seq;
  return true;
}

/** Takes a receipt into the screen's record; false when it is a late, stale one and was ignored. */
export function recordReceipt(runtime: ScreenRuntime, receipt: Omit<ReceiptRecord, 'at'>, at: number): boolean {
  if (runtime.lastReceipt && receipt.seq < runtime.lastReceipt.seq) return false; // a late, stale receipt
  // Only the record's fields: the message it came in also carries its `type`.
  runtime.lastReceipt = { seq: receipt.seq, activeSeq: receipt.activeSeq, mode: receipt.mode, drill: receipt.drill, at };
  runtime.lastSeenAt = at;
  if (runtime.shownActiveSeq !== receipt.activeSeq) {
    runtime.shownActiveSeq = receipt.activeSeq;
    runtime.shownSince = at;
  }
  return true;
}

/** The screen has painted exactly what it must show now. */
export function isConfirmed(runtime: ScreenRuntime): boolean {
  const receipt = runtime.lastReceipt;
  return receipt !== null && receipt.seq >= runtime.expectedSince && receipt.activeSeq === runtime.expectedActiveSeq;
}
