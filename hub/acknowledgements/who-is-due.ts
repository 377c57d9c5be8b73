// Who has read what: for each required procedure, who acknowledged its current version, who an older one, and who
// never did; and the same per person. Pure, so the rules are tested without a hub.
import type { Person, PersonStanding, Procedure, ProcedureKey, ProcedureStanding, Reading, ReadingStatus } from '../../shared/acknowledgements.ts';
import type { Role } from '../../shared/model.ts';

export interface AcknowledgementRecord {
  username: string;
  procedure: ProcedureKey;
  version: string;
  at: string;
}

/**
 * The accounts the admin's lists cover: every enabled staff account (teachers and other staff), and an enabled
 * account of another role (the office, say) once it has acknowledged something, since then a person took part.
 * Disabled accounts (people who left) drop out; their acknowledgements stay in the file and the audit log.
 */
export function peopleDue(users: readonly { username: string; role: Role; disabled: boolean }[], tookPart: ReadonlySet<string>): Person[] {
  return users
    .filter((user) => !user.disabled && (user.role === 'staff' || tookPart.has(user.username)))
    .map(({ username, role }) => ({ username, role }))
    .sort((a, b) => a.username.localeCompare(b.username));
}

/** Each person's latest acknowledgement of each procedure. */
export class Readings {
  private readonly latest = new Map<string, AcknowledgementRecord>();

  constructor(acknowledgements: Iterable<AcknowledgementRecord>) {
    for (const ack of acknowledgements) {
      const key = Readings.key(ack.username, ack.procedure);
      const seen = this.latest.get(key);
      if (!seen || seen.at <= ack.at) this.latest.set(key, ack);
    }
  }

  private static key(username: string, procedure: ProcedureKey): string {
    return `${username}\n${procedure}`;
  }

  of(username: string, procedure: Pick<Procedure, 'key' | 'version'>): { status: ReadingStatus; acknowledged: Reading | null } {
    const ack = this.latest.get(Readings.key(username, procedure.key));
    if (!ack) return { status: 'never', acknowledged: null };
    return { status: ack.version === procedure.version ? 'current' : 'older', acknowledged: { version: ack.version, at: ack.at } };
  }
}

export function standingsByProcedure(procedures: readonly Procedure[], people: readonly Person[], readings: Readings): ProcedureStanding[] {
  return procedures.map((procedure) => {
    const standing: ProcedureStanding = { procedure, current: [], older: [], never: [] };
    for (const person of people) {
      const { status, acknowledged } = readings.of(person.username, procedure);
      if (status === 'never' || !acknowledged) standing.never.push(person);
      else standing[status].push({ ...person, ...acknowledged });
    }
    return standing;
  });
}

export function standingsByPerson(procedures: readonly Procedure[], people: readonly Person[], readings: Readings): PersonStanding[] {
  return people.map((person) => ({
    person,
    readings: procedures.map((procedure) => ({ procedure: procedure.key, ...readings.of(person.username, procedure) })),
  }));
}
