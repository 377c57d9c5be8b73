// One outbound CAP 1.2 document (an Alert, Update or Cancel), written with fast-xml-parser's builder: every text is
// escaped by it, so a school called "O'Neil & Sons <East>" stays words and never becomes markup.
import { XMLBuilder } from 'fast-xml-parser';
import type { OutboundCapMessage } from './cap-outbound-message.ts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/**
 * Restricted, not Public: the documents name buildings, zones and the office's notes, which are for the school's
 * safety partners, not for general dissemination. Not Private either: Private means "for the addresses listed"
 * (CAP 1.2, 3.2.1), and the same document is read by every integration allowed to see it, none of them named in it.
 * Restricted requires the restriction text that says who may have it.
 */
export const CAP_RESTRICTION = 'For the school’s safety partners holding a Muster integration key; not for public dissemination.';

const builder = new XMLBuilder({ format: true, processEntities: true, ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/**
 * Text as XML 1.0 may hold it: the builder escapes & < > " ', but control characters (other than tab and line
 * breaks) and lone surrogates have no XML form at all, escaped or not; they are dropped.
 */
export function xmlText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

const pair = ({ valueName, value }: { valueName: string; value: string }) => ({ valueName: xmlText(valueName), value: xmlText(value) });

/** The `alert` element's content, in the order the schema requires (cap-1.2.xsd). */
export function capAlertElement(message: OutboundCapMessage): Record<string, unknown> {
  return {
    identifier: message.identifier,
    sender: message.sender,
    sent: message.sent,
    status: message.status,
    msgType: message.msgType,
    scope: 'Restricted',
    restriction: CAP_RESTRICTION,
    references: message.references.length > 0 ? message.references.join(' ') : undefined,
    info: message.infos.map((info) => ({
      language: info.language,
      category: info.categories,
      event: xmlText(info.event),
      responseType: info.responseTypes.length > 0 ? info.responseTypes : undefined,
      urgency: info.urgency,
      severity: info.severity,
      certainty: info.certainty,
      eventCode: info.eventCodes.map(pair),
      senderName: xmlText(info.senderName),
      headline: xmlText(info.headline),
      description: xmlText(info.description),
      instruction: xmlText(info.instruction),
      parameter: info.parameters.length > 0 ? info.parameters.map(pair) : undefined,
      area: { areaDesc: xmlText(info.area.areaDesc), geocode: info.area.geocodes.map(pair) },
    })),
  };
}

/** The document, as a subscriber fetches it (application/cap+xml). */
export function capDocument(message: OutboundCapMessage): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ alert: { '@_xmlns': CAP_NAMESPACE, ...capAlertElement(message) } }) as string}`;
}
