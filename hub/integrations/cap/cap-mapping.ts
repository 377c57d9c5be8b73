// What a CAP 1.2 alert asks of Muster, decided from the message alone (and, for a Cancel, what the messages it
// references started). docs/integrations.md has the table in words:
// - status: Actual → a real event, Exercise → a drill; Test, System and Draft are acknowledged and change nothing, as
//   are the SAME test codes (RMT, RWT, NPT, DMO) that IPAWS and EAS send as Actual;
// - msgType: Alert and Update start (or replace) a mode, Cancel ends what the messages it references started, Ack and
//   Error change nothing;
// - the mode: an eventCode named SRP (HOLD, SECURE, LOCKDOWN, EVACUATE, SHELTER, ALL_CLEAR), else the responseType
//   (Shelter, Evacuate, AllClear); anything else is "alert received, not understood";
// - Shelter's hazard: an eventCode SRP-HAZARD, else the SAME code (TOR, EQW, TSW/TSA, HMW);
// - Evacuate's destination: a parameter DESTINATION naming one of the school's, else the building's default;
// - the scope: an area geocode MUSTER-BUILDING or MUSTER-ZONE (id or name), else the integration's ceiling. The
//   caller checks the scope against that ceiling, as for every integration event.
import { createHash } from 'node:crypto';
import type { IntegrationEvent } from '../../../shared/integrations.ts';
import type { ModeId, Scope, ShelterHazard, Site } from '../../../shared/model.ts';
import { defaultDestinationFor } from '../../../shared/site-settings.ts';
import type { CapAlert, CapInfo, CapValuePair } from './cap-alert.ts';

export type CapDecision =
  | { kind: 'act'; event: Extract<IntegrationEvent, { type: 'start' | 'all-clear' }> }
  /** Received and audited; screens unchanged (a test message, an acknowledgement). */
  | { kind: 'acknowledge'; why: string }
  /** Received, but Muster cannot tell what to do: the office is told "alert received, not understood". */
  | { kind: 'not-understood'; why: string };

export interface CapContext {
  site: Site;
  /** The integration's ceiling: the scope when the message names none. */
  ceiling: Scope;
  /** What an earlier message of this integration started, by its sender and identifier; null if it started nothing. */
  startedBy(sender: string, identifier: string): { scope: Scope; drill: boolean } | null;
}

/** The idempotency key of a CAP message: a sender's identifiers are unique (CAP 1.2, 3.2.1). */
export function capEventId(sender: string, identifier: string): string {
  return `cap:${createHash('sha256').update(`${sender},${identifier}`).digest('hex')}`;
}

/** A mode to start, or the All Clear. */
type Asked = Exclude<ModeId, 'normal'> | 'all-clear';

const SRP_MODES: Readonly<Record<string, Asked>> = {
  HOLD: 'hold',
  SECURE: 'secure',
  LOCKDOWN: 'lockdown',
  EVACUATE: 'evacuate',
  SHELTER: 'shelter',
  ALL_CLEAR: 'all-clear',
};
const RESPONSE_MODES: Readonly<Record<string, Asked>> = { Shelter: 'shelter', Evacuate: 'evacuate', AllClear: 'all-clear' };
/** SAME event codes (47 CFR 11.31) of the hazards Shelter knows. */
const SAME_HAZARDS: Readonly<Record<string, ShelterHazard>> = { TOR: 'tornado', EQW: 'earthquake', TSW: 'tsunami', TSA: 'tsunami', HMW: 'hazmat' };
const HAZARDS: readonly ShelterHazard[] = ['tornado', 'hazmat', 'earthquake', 'tsunami'];
/** SAME event codes of tests and demonstrations (47 CFR 11.31): IPAWS sends its Required Monthly Test as Actual. */
const SAME_TESTS: Readonly<Record<string, string>> = { RMT: 'a Required Monthly Test', RWT: 'a Required Weekly Test', NPT: 'a National Periodic Test', DMO: 'a practice or demonstration message' };

const named = (pairs: readonly CapValuePair[], name: string) => pairs.filter((pair) => pair.valueName.trim().toUpperCase() === name).map((pair) => pair.value.trim());
const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** The mode one info block asks for, or null. */
function modeOf(info: CapInfo): Asked | null {
  for (const value of named(info.eventCodes, 'SRP')) {
    const mode = SRP_MODES[value.toUpperCase()];
    if (mode) return mode;
  }
  for (const responseType of info.responseTypes) {
    const mode = RESPONSE_MODES[responseType];
    if (mode) return mode;
  }
  return null;
}

function hazardOf(info: CapInfo): ShelterHazard | null {
  for (const value of named(info.eventCodes, 'SRP-HAZARD')) {
    const hazard = HAZARDS.find((h) => h === value.toLowerCase());
    if (hazard) return hazard;
  }
  for (const value of named(info.eventCodes, 'SAME')) {
    const hazard = SAME_HAZARDS[value.toUpperCase()];
    if (hazard) return hazard;
  }
  return null;
}

/** The scope an info block names, the ceiling when it names none, or why it cannot be used. */
function scopeOf(info: CapInfo, context: CapContext): Scope | string {
  const { site } = context;
  const building = named(info.geocodes, 'MUSTER-BUILDING')[0];
  const zone = named(info.geocodes, 'MUSTER-ZONE')[0];
  if (zone !== undefined) {
    const found = site.zones.find((z) => z.id === zone || same(z.name, zone));
    return found ? { kind: 'zone', zoneId: found.id } : `it names a zone "${zone}" this school does not have`;
  }
  if (building !== undefined) {
    const found = site.buildings.find((b) => b.id === building || same(b.name, building));
    return found ? { kind: 'building', buildingId: found.id } : `it names a building "${building}" this school does not have`;
  }
  return context.ceiling;
}

export function decideCap(alert: CapAlert, context: CapContext): CapDecision {
  if (alert.status === 'Test' || alert.status === 'System' || alert.status === 'Draft') {
    return { kind: 'acknowledge', why: `a ${alert.status} message: received, and no screen changed` };
  }
  if (alert.msgType === 'Ack' || alert.msgType === 'Error') return { kind: 'acknowledge', why: `an ${alert.msgType}: received, and no screen changed` };
  // A test of the alerting chain, whatever its status, unless it also names a mode (then a school's own test means it).
  const testCode = alert.infos.flatMap((info) => named(info.eventCodes, 'SAME')).map((code) => code.toUpperCase()).find((code) => code in SAME_TESTS);
  if (testCode && alert.infos.every((info) => modeOf(info) === null)) return { kind: 'acknowledge', why: `${SAME_TESTS[testCode]} (SAME ${testCode}): received, and no screen changed` };
  const drill = alert.status === 'Exercise';

  if (alert.msgType === 'Cancel') {
    // The latest of what it references that started something here.
    const started = alert.references
      .map((reference) => context.startedBy(reference.sender, reference.identifier))
      .filter((found): found is { scope: Scope; drill: boolean } => found !== null)
      .at(-1);
    if (alert.references.length === 0) return { kind: 'not-understood', why: 'a Cancel must name the alert it cancels in <references>' };
    if (!started) return { kind: 'not-understood', why: 'it cancels an alert that started nothing here' };
    return { kind: 'act', event: { type: 'all-clear', scope: started.scope, drill: started.drill } };
  }

  const asked = alert.infos.map((info) => ({ info, mode: modeOf(info) })).find((entry) => entry.mode !== null);
  if (!asked) {
    const events = [...new Set(alert.infos.map((info) => info.event))].join(', ');
    return { kind: 'not-understood', why: `${events ? `"${events}" ` : ''}names no mode: give an eventCode SRP (HOLD, SECURE, LOCKDOWN, EVACUATE, SHELTER, ALL_CLEAR) or a responseType Shelter, Evacuate or AllClear` };
  }
  const { info } = asked;
  const mode = asked.mode!;
  const scope = scopeOf(info, context);
  if (typeof scope === 'string') return { kind: 'not-understood', why: scope };
  if (mode === 'all-clear') return { kind: 'act', event: { type: 'all-clear', scope, drill } };
  if (mode === 'shelter') {
    const hazard = hazardOf(info);
    if (!hazard) return { kind: 'not-understood', why: 'Shelter needs its hazard: an eventCode SRP-HAZARD (tornado, hazmat, earthquake, tsunami) or a SAME code TOR, HMW, EQW, TSW' };
    return { kind: 'act', event: { type: 'start', mode, hazard, scope, drill } };
  }
  if (mode === 'evacuate') {
    const asked = named(info.parameters, 'DESTINATION')[0];
    const destination = asked !== undefined ? context.site.destinations.find((d) => d.id === asked || same(d.name, asked)) : context.site.destinations.find((d) => d.id === defaultDestinationFor(scope, context.site));
    if (!destination) {
      return {
        kind: 'not-understood',
        why: asked !== undefined ? `it names a destination "${asked}" this school does not have` : 'Evacuate needs a destination: a parameter DESTINATION, or a default assembly point for the building',
      };
    }
    return { kind: 'act', event: { type: 'start', mode, destination: destination.name, scope, drill } };
  }
  return { kind: 'act', event: { type: 'start', mode, scope, drill } };
}
