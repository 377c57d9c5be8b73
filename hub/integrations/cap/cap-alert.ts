// The parts of a CAP 1.2 message Muster acts on, read from a message the schema has already accepted
// (cap-validator.ts). fast-xml-parser reads it: no document type declaration gets this far, so the only entities it
// expands are XML's five and character references.
import { XMLParser } from 'fast-xml-parser';

export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
export type CapMsgType = 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';

export interface CapValuePair {
  valueName: string;
  value: string;
}

export interface CapInfo {
  language: string;
  event: string;
  responseTypes: string[];
  eventCodes: CapValuePair[];
  parameters: CapValuePair[];
  headline: string | null;
  geocodes: CapValuePair[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  /** Earlier messages this one updates or cancels, as "sender,identifier,sent" each. */
  references: { sender: string; identifier: string; sent: string }[];
  infos: CapInfo[];
}

/** Elements that may occur more than once are always arrays, however many a message has. */
const REPEATED = new Set(['code', 'info', 'category', 'responseType', 'eventCode', 'parameter', 'resource', 'area', 'polygon', 'circle', 'geocode']);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Values stay text: an identifier "0123" or a geocode "006109" is not a number.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? value.filter((v): v is Node => typeof v === 'object' && v !== null) : []);
const pairs = (value: unknown): CapValuePair[] => nodes(value).map((pair) => ({ valueName: text(pair.valueName), value: text(pair.value) }));

/** The fields Muster acts on. `xml` must have passed checkCapMessage: the shape is the schema's. */
export function readCapAlert(xml: string): CapAlert {
  const alert = (parser.parse(xml) as { alert: Node }).alert;
  const references = text(alert.references)
    .split(/\s+/)
    .filter((reference) => reference !== '')
    .map((reference) => {
      const [sender = '', identifier = '', sent = ''] = reference.split(',');
      return { sender, identifier, sent };
    });
  const infos = nodes(alert.info).map(
    (info): CapInfo => ({
      language: text(info.language) || 'en-US',
      event: text(info.event),
      responseTypes: (Array.isArray(info.responseType) ? info.responseType : []).map(text),
      eventCodes: pairs(info.eventCode),
      parameters: pairs(info.parameter),
      headline: text(info.headline) || null,
      geocodes: nodes(info.area).flatMap((area) => pairs(area.geocode)),
    }),
  );
  return {
    identifier: text(alert.identifier),
    sender: text(alert.sender),
    sent: text(alert.sent),
    status: text(alert.status) as CapStatus,
    msgType: text(alert.msgType) as CapMsgType,
    references,
    infos,
  };
}
