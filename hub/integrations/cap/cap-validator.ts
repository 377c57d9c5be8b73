// CAP 1.2 messages checked against the schema (cap-1.2.xsd, written from the specification) by libxml2's xmllint,
// compiled to WebAssembly (xmllint-wasm), which runs each check in a worker thread: never on the event loop, where
// Lockdowns are started. Before it, cheap refusals: too large, any document type declaration (CAP has none, and a
// DTD is where entity bombs and external entities live: nothing here ever expands or fetches one), and for small
// messages, not well-formed.
import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';

/** The RMT with its embedded audio is ~100 KB; nothing a panic button or a weather service sends comes near this. */
export const CAP_MAX_BYTES = 512 * 1024;
/** Checks at once (each a worker thread of ~30 MB); more wait, and beyond the queue they are refused as busy. */
const CONCURRENT_CHECKS = 2;
const QUEUED_CHECKS = 32;
/**
 * Up to this size a message is first checked to be well-formed XML here, in well under a millisecond (a worker takes
 * ~100 ms to start): garbage is refused at once and cannot queue up the real alerts. Larger ones go to the worker
 * whole: a 512 KiB check here would hold the event loop for ~25 ms.
 */
const QUICK_CHECK_BYTES = 16 * 1024;

const SCHEMA = { fileName: 'cap-1.2.xsd', contents: readFileSync(new URL('./cap-1.2.xsd', import.meta.url), 'utf8') };

export type CapCheck = { ok: true } | { ok: false; reason: 'too_large' | 'doctype' | 'busy' | 'invalid'; message: string };

let running = 0;
const waiting: (() => void)[] = [];

/** Whether `xml` is a CAP 1.2 message by the schema; the first few problems, in libxml2's words, when it is not. */
export async function checkCapMessage(xml: string): Promise<CapCheck> {
  if (Buffer.byteLength(xml, 'utf8') > CAP_MAX_BYTES) return { ok: false, reason: 'too_large', message: `A CAP message may be at most ${CAP_MAX_BYTES / 1024} KiB.` };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, reason: 'doctype', message: 'CAP messages have no document type declaration; this one has one, so it was not read.' };
  if (xml.length <= QUICK_CHECK_BYTES) {
    const formed = XMLValidator.validate(xml);
    if (formed !== true) return { ok: false, reason: 'invalid', message: `Not well-formed XML, so not CAP: ${formed.err.msg} (line ${formed.err.line}).` };
  }
  if (running >= CONCURRENT_CHECKS) {
    if (waiting.length >= QUEUED_CHECKS) return { ok: false, reason: 'busy', message: 'Too many CAP messages are being checked at once; send it again in a moment.' };
    await new Promise<void>((go) => waiting.push(go));
  }
  running += 1;
  try {
    const result = await validateXML({ xml: [{ fileName: 'alert.xml', contents: xml }], schema: [SCHEMA] });
    if (result.valid) return { ok: true };
    const problems = result.errors.slice(0, 3).map((error) => error.message.replace(/^alert\.xml:\d+: /, '').trim());
    return { ok: false, reason: 'invalid', message: `Not a valid CAP 1.2 message: ${problems.join(' ')}` };
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}
