// The Atom feed (RFC 4287) of the school's recent alerts, laid out as the US National Weather Service's CAP feeds
// are: one entry per CAP message, linking to its document, with the CAP fields a reader filters on (status,
// msgType, urgency, severity, area) as cap: elements, so a subscriber need not fetch every document to decide.
import { XMLBuilder } from 'fast-xml-parser';
import { CAP_NAMESPACE, xmlText } from './cap-document.ts';
import type { OutboundCapMessage } from './cap-outbound-message.ts';

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

const builder = new XMLBuilder({ format: true, processEntities: true, ignoreAttributes: false, attributeNamePrefix: '@_' });

export interface CapFeedEntry {
  message: OutboundCapMessage;
  /** When the change was made (RFC 3339). */
  at: string;
  /** The address of its CAP document. */
  documentUrl: string;
}

export interface CapFeedInput {
  /** A permanent id of this feed (an IRI): the same at every read. */
  id: string;
  title: string;
  /** The school: the feed's author. */
  author: string;
  /** The feed's own address (rel="self"). */
  selfUrl: string;
  /** When the feed last changed (RFC 3339). */
  updated: string;
  /** Newest first. */
  entries: readonly CapFeedEntry[];
}

/** A well-formed Atom document; test/integration/cap-feed.test.ts parses it. */
export function capAtomFeed(feed: CapFeedInput): string {
  const entry = ({ message, at, documentUrl }: CapFeedEntry) => {
    const info = message.infos[0]!;
    return {
      // The CAP message's own unique name as a URN: the same whichever address the hub is reached by.
      id: `urn:muster:cap:${message.identifier}`,
      title: xmlText(info.headline),
      updated: at,
      published: at,
      link: { '@_rel': 'alternate', '@_type': 'application/cap+xml', '@_href': documentUrl },
      summary: xmlText(info.description),
      'cap:identifier': message.identifier,
      'cap:sent': message.sent,
      'cap:event': xmlText(info.event),
      'cap:status': message.status,
      'cap:msgType': message.msgType,
      'cap:scope': 'Restricted',
      'cap:references': message.references.length > 0 ? message.references.join(' ') : undefined,
      'cap:category': info.categories[0],
      'cap:urgency': info.urgency,
      'cap:severity': info.severity,
      'cap:certainty': info.certainty,
      'cap:areaDesc': xmlText(info.area.areaDesc),
      'cap:geocode': info.area.geocodes.map(({ valueName, value }) => ({ valueName: xmlText(valueName), value: xmlText(value) })),
    };
  };
  const root = {
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xmlns:cap': CAP_NAMESPACE,
      id: feed.id,
      title: xmlText(feed.title),
      updated: feed.updated,
      author: { name: xmlText(feed.author) },
      generator: 'Muster',
      link: { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': feed.selfUrl },
      entry: feed.entries.map(entry),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(root) as string}`;
}
