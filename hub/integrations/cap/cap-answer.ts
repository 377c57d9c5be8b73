// The hub's answer to a CAP message: a CAP 1.2 Ack when it was taken (acted on, or received and changing nothing),
// an Error when it was refused; each references the message it answers and says in its note what happened.
import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { CapStatus } from './cap-alert.ts';

export const CAP_CONTENT_TYPE = 'application/cap+xml; charset=utf-8';

const builder = new XMLBuilder({ format: true, processEntities: true, ignoreAttributes: false, attributeNamePrefix: '@_' });

/** CAP 1.2, 3.3.2: date-times carry their offset, and UTC is written -00:00, never Z. */
export function capDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}-00:00`;
}

export interface CapAnswer {
  kind: 'Ack' | 'Error';
  /** The hub's own name for itself, as the answer's sender. */
  sender: string;
  /** What is answered; unknown when the message could not be read. */
  answered: { sender: string; identifier: string; sent: string; status: CapStatus } | null;
  note: string;
  at: Date;
}

/** A CAP 1.2 message that validates against the schema (test/integration/cap-intake.test.ts checks it). */
export function capAnswer({ kind, sender, answered, note, at }: CapAnswer): string {
  // Sender and identifier may hold no spaces, commas or < and & (CAP 1.2, 3.2.1).
  const safe = (value: string) => value.replace(/[\s,<&]+/g, '-') || 'muster';
  const alert = {
    '@_xmlns': 'urn:oasis:names:tc:emergency:cap:1.2',
    identifier: `muster-${kind.toLowerCase()}-${randomUUID()}`,
    sender: safe(sender),
    sent: capDateTime(at),
    status: answered?.status ?? 'Actual',
    msgType: kind,
    // Private: meant for the sender alone, named in addresses (quoted should it hold a space).
    scope: answered ? 'Private' : 'Public',
    addresses: answered ? (/\s/.test(answered.sender) ? `"${answered.sender}"` : answered.sender) : undefined,
    note,
    references: answered ? `${answered.sender},${answered.identifier},${answered.sent}` : undefined,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ alert }) as string}`;
}
