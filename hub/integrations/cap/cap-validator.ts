// CAP 1.2 messages checked against the schema (cap-1.2.xsd, written from the specification) by libxml2's xmllint,
// compiled to WebAssembly (xmllint-wasm), on a checking thread of the hub: never on the event loop, where
// Lockdowns are started. Before it, cheap refusals: too large, any document type declaration (CAP has none, and a
// DTD is where entity bombs and external entities live: nothing here ever expands or fetches one), and for small
// messages, not well-formed.
import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { Piscina } from 'piscina';

/** The RMT with its embedded audio is ~100 KB; nothing a panic button or a weather service sends comes near this. */
export const CAP_MAX_BYTES = 512 * 1024;
/** Checks waiting beyond the two running: more are refused as busy, so a flood cannot queue real alerts for long. */
const QUEUED_CHECKS = 32;
/**
 * Up to this size a message is first checked to be well-formed XML here, in well under a millisecond (a check on the
 * thread takes ~100 ms): garbage is refused at once and cannot queue up the real alerts. Larger ones go to the thread
 * whole: a 512 KiB check here would hold the event loop for ~25 ms.
 */
const QUICK_CHECK_BYTES = 16 * 1024;

const SCHEMA = { fileName: 'cap-1.2.xsd', contents: readFileSync(new URL('./cap-1.2.xsd', import.meta.url), 'utf8') };

export type CapCheck = { ok: true } | { ok: false; reason: 'too_large' | 'doctype' | 'busy' | 'invalid'; message: string };

let pool: Piscina | null = null;

/**
 * Two checking threads at most, started on first use and stopped when idle. They run without the hub's TypeScript
 * loader (execArgv []): each check starts xmllint-wasm's own thread, which would otherwise load it too and hold the
 * hub's event loop ~20 ms while doing so.
 */
function checkingThreads(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./cap-check-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: 2,
    maxQueue: QUEUED_CHECKS,
    idleTimeout: 30_000,
    execArgv: [],
  });
  return pool;
}

/** Whether `xml` is a CAP 1.2 message by the schema; the first few problems, in libxml2's words, when it is not. */
export async function checkCapMessage(xml: string): Promise<CapCheck> {
  if (Buffer.byteLength(xml, 'utf8') > CAP_MAX_BYTES) return { ok: false, reason: 'too_large', message: `A CAP message may be at most ${CAP_MAX_BYTES / 1024} KiB.` };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, reason: 'doctype', message: 'CAP messages have no document type declaration; this one has one, so it was not read.' };
  if (xml.length <= QUICK_CHECK_BYTES) {
    const formed = XMLValidator.validate(xml);
    if (formed !== true) return { ok: false, reason: 'invalid', message: `Not well-formed XML, so not CAP: ${formed.err.msg} (line ${formed.err.line}).` };
  }
  const threads = checkingThreads();
  if (threads.queueSize >= QUEUED_CHECKS) return { ok: false, reason: 'busy', message: 'Too many CAP messages are being checked at once; send it again in a moment.' };
  const result = (await threads.run({ xml, schema: SCHEMA })) as { valid: boolean; problems: string[] };
  if (result.valid) return { ok: true };
  const problems = result.problems.map((problem) => problem.replace(/^alert\.xml:\d+: /, '').trim());
  return { ok: false, reason: 'invalid', message: `Not a valid CAP 1.2 message: ${problems.join(' ')}` };
}
