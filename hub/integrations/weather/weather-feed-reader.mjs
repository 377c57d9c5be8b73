// Reads an Atom index feed of CAP alerts, as the National Weather Service publishes them: each <entry> carries its
// alert's cap:event, cap:status, cap:msgType, cap:effective, cap:expires, cap:areaDesc and cap:geocode (valueName/value
// pairs: FIPS6 or SAME county codes, and UGC codes, several in one value separated by spaces) in the entry itself.
// Older feeds use the CAP 1.1 namespace, newer ones 1.2: both are read. Plain JavaScript: it runs on the weather
// feed's reading thread (weather-feed-worker.mjs), never on the hub's event loop.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const CAP_NAMESPACES = ['urn:oasis:names:tc:emergency:cap:1.1', 'urn:oasis:names:tc:emergency:cap:1.2'];
const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/** Repeated elements are always arrays, however many an entry has. */
const REPEATED = new Set(['entry', 'geocode', 'parameter', 'eventCode', 'valueName', 'value', 'link', 'author']);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Values stay text: a county code "022017" is not a number.
  parseTagValue: false,
  trimValues: true,
  // Only XML's five entities and character references; a feed with a DTD never gets here.
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => REPEATED.has(name),
});

/**
 * @typedef {{ valueName: string, value: string }} ValuePair
 * @typedef {{ id: string, event: string, status: string, msgType: string, effective: string | null, expires: string | null,
 *   areaDesc: string, geocodes: ValuePair[], eventCodes: ValuePair[], vtec: string | null, references: string }} FeedEntry
 * @typedef {{ ok: true, entries: FeedEntry[], fromNws: boolean } | { ok: false, problem: string }} FeedReading
 */

const text = (value) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : typeof value === 'object' && '#text' in value ? String(value['#text']) : String(value));
const list = (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** valueName/value pairs, by position: NWS puts several pairs in one element (FIPS6 then UGC). */
function pairs(elements) {
  return list(elements).flatMap((element) => {
    if (typeof element !== 'object' || element === null) return [];
    const names = list(element.valueName).map(text);
    const values = list(element.value).map(text);
    return names.map((valueName, index) => ({ valueName: valueName.trim(), value: (values[index] ?? '').trim() }));
  });
}

/** The namespaces the feed declares (xmlns and xmlns:prefix attributes; the parser drops them with the prefixes). */
function declaredNamespaces(xml) {
  return [...xml.matchAll(/\sxmlns(?::[\w.-]+)?\s*=\s*(['"])(.*?)\1/g)].map((match) => match[2].trim());
}

/**
 * The feed's entries, or why it cannot be read, in words for the admin console.
 * @param {string} xml
 * @returns {FeedReading}
 */
export function readWeatherFeed(xml) {
  // A DTD is where entity bombs and external entities live; an Atom feed has none (as the CAP intake refuses them).
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, problem: 'The feed has a document type declaration; feeds of alerts have none, so it was not read.' };
  const formed = XMLValidator.validate(xml);
  if (formed !== true) return { ok: false, problem: `The feed is not well-formed XML: ${formed.err.msg} (line ${formed.err.line}).` };
  const document = parser.parse(xml);
  const feed = document?.feed;
  if (typeof feed !== 'object' || feed === null) return { ok: false, problem: 'The address answered with XML that is not an Atom feed (no <feed>).' };
  const namespaces = declaredNamespaces(xml);
  if (!namespaces.includes(ATOM_NAMESPACE)) return { ok: false, problem: 'The address answered with a <feed> that is not Atom (no Atom namespace).' };
  if (!namespaces.some((namespace) => CAP_NAMESPACES.includes(namespace))) {
    return { ok: false, problem: 'The feed does not declare CAP 1.1 or 1.2 (urn:oasis:names:tc:emergency:cap:1.1 or 1.2): it is not a feed of CAP alerts.' };
  }
  const authors = [...list(feed.author), ...list(feed.entry).flatMap((entry) => list(entry?.author))].map((author) => text(author?.name)).join(' ');
  const fromNws = /noaa\.gov|weather\.gov/i.test(authors) || /weather\.gov/i.test(text(feed.id));
  const entries = list(feed.entry)
    .filter((entry) => typeof entry === 'object' && entry !== null)
    .map((entry) => {
      const parameters = pairs(entry.parameter);
      const vtec = parameters.find((pair) => pair.valueName.toUpperCase() === 'VTEC')?.value || null;
      return {
        id: text(entry.id).trim(),
        event: text(entry.event).trim(),
        status: text(entry.status).trim(),
        msgType: text(entry.msgType).trim(),
        effective: text(entry.effective).trim() || null,
        expires: text(entry.expires).trim() || null,
        areaDesc: text(entry.areaDesc).trim(),
        geocodes: pairs(entry.geocode),
        eventCodes: pairs(entry.eventCode),
        vtec,
        references: text(entry.references).trim(),
      };
    });
  return { ok: true, entries, fromNws };
}
