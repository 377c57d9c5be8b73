// What a mode start or an All Clear says as a CAP 1.2 message, in the school's own words: the fields, before they are
// written out as a CAP document (cap-document.ts) or an Atom entry (cap-atom-feed.ts). The codes are the ones the
// hub's own CAP intake reads (cap-mapping.ts), so one Muster can follow another.
import { MODE_CATALOGUE, modeTextFor, modeWordingFor } from '../../../shared/modes.ts';
import type { ModeWordings } from '../../../shared/mode-texts.ts';
import type { ActiveMode, EmergencyModeId, Language, Scope, ShelterHazard, Site } from '../../../shared/model.ts';
import { scopeName } from '../../../shared/scope-names.ts';
import type { StartDetails } from '../../reports/mode-start-details.ts';
import { capDateTime } from './cap-answer.ts';
import type { AlertRecord, AlertReference, AllClearRecord, EndedAlert, ModeStartRecord } from './cap-history.ts';

export interface CapValue {
  valueName: string;
  value: string;
}

export interface OutboundCapInfo {
  language: Language;
  categories: ('Safety' | 'Security' | 'Met' | 'Geo' | 'CBRNE')[];
  event: string;
  responseTypes: ('Shelter' | 'Evacuate' | 'AllClear')[];
  urgency: 'Immediate' | 'Past';
  severity: 'Extreme' | 'Severe' | 'Moderate' | 'Minor';
  certainty: 'Observed';
  eventCodes: CapValue[];
  senderName: string;
  headline: string;
  description: string;
  instruction: string;
  parameters: CapValue[];
  area: { areaDesc: string; geocodes: CapValue[] };
}

export interface OutboundCapMessage {
  seq: number;
  identifier: string;
  sender: string;
  sent: string;
  status: 'Actual' | 'Exercise';
  msgType: 'Alert' | 'Update' | 'Cancel';
  /** "sender,identifier,sent" of each alert it updates or cancels. */
  references: string[];
  /** One per screen language of the school, its default language first. */
  infos: OutboundCapInfo[];
}

/** The school's name as a CAP sender, as the hub signs its CAP answers (app.ts). */
export const capSender = (site: Pick<Site, 'id'>) => `muster@${site.id}`;
/** Stable and unique per school and change: the change's sequence number. Site ids hold no spaces, commas, < or &. */
export const capIdentifier = (site: Pick<Site, 'id'>, seq: number) => `muster-${site.id}-${seq}`;

/** The SRP code of each mode, as the Standard Response Protocol names it and cap-mapping.ts reads it. */
const SRP_CODE: Record<EmergencyModeId, string> = { hold: 'HOLD', secure: 'SECURE', lockdown: 'LOCKDOWN', evacuate: 'EVACUATE', shelter: 'SHELTER' };
/** CAP's responseType where one says what the mode asks; Hold, Secure and Lockdown have none (the SRP code says it). */
const RESPONSE_TYPE: Partial<Record<EmergencyModeId, 'Shelter' | 'Evacuate'>> = { evacuate: 'Evacuate', shelter: 'Shelter' };
/** How grave each is: a Lockdown is a threat inside; a Hold keeps the halls clear, often for a medical call. */
const SEVERITY: Record<EmergencyModeId, OutboundCapInfo['severity']> = { hold: 'Moderate', secure: 'Severe', lockdown: 'Extreme', evacuate: 'Severe', shelter: 'Severe' };
/** A second category where the mode has a more precise one than Safety. */
const MODE_CATEGORY: Partial<Record<EmergencyModeId, 'Security'>> = { secure: 'Security', lockdown: 'Security' };
const HAZARD_CATEGORY: Record<ShelterHazard, 'Met' | 'Geo' | 'CBRNE'> = { tornado: 'Met', earthquake: 'Geo', tsunami: 'Geo', hazmat: 'CBRNE' };

const WORDS: Record<Language, { drill: string; thisIsADrill: string; noteFromTheOffice: string; students: string; staff: string; in: string; ended: string }> = {
  en: { drill: 'drill', thisIsADrill: 'This is a drill.', noteFromTheOffice: 'Note from the office:', students: 'Students', staff: 'Staff', in: 'in', ended: 'Ended:' },
  es: { drill: 'simulacro', thisIsADrill: 'Esto es un simulacro.', noteFromTheOffice: 'Nota de la oficina:', students: 'Estudiantes', staff: 'Personal', in: 'en', ended: 'Terminó:' },
};

/** An ActiveMode as the screens had it, when the line tells enough to rebuild one (for the mode's words). */
function activeModeOf(start: ModeStartRecord, details: StartDetails): ActiveMode | null {
  const base = { seq: start.seq, startedAt: start.at, by: start.who, scope: start.scope, drill: start.drill };
  if (start.mode === 'evacuate') return details.destination === null ? null : { ...base, mode: 'evacuate', destination: details.destination };
  if (start.mode === 'shelter') return details.hazard === null || details.strategy === null ? null : { ...base, mode: 'shelter', hazard: details.hazard, strategy: details.strategy };
  return { ...base, mode: start.mode };
}

/** Where the alert applies, in words and as the geocodes the intake reads (a zone names its building too). */
function areaOf(scope: Scope, site: Site): OutboundCapInfo['area'] {
  const areaDesc = scopeName(scope, site);
  if (scope.kind === 'site') return { areaDesc, geocodes: [{ valueName: 'MUSTER-SITE', value: site.id }] };
  if (scope.kind === 'building') return { areaDesc, geocodes: [{ valueName: 'MUSTER-BUILDING', value: scope.buildingId }] };
  const buildingId = site.zones.find((zone) => zone.id === scope.zoneId)?.buildingId;
  return { areaDesc, geocodes: [{ valueName: 'MUSTER-ZONE', value: scope.zoneId }, ...(buildingId ? [{ valueName: 'MUSTER-BUILDING', value: buildingId }] : [])] };
}

/** Default language first, then the school's other screen languages. */
const languagesOf = (site: Site): Language[] => [site.defaultLanguage, ...site.languages.filter((language) => language !== site.defaultLanguage)];

const reference = (site: Site, ref: AlertReference) => `${capSender(site)},${capIdentifier(site, ref.seq)},${capDateTime(new Date(ref.at))}`;

function startInfo(start: ModeStartRecord, language: Language, site: Site, wordings: ModeWordings): OutboundCapInfo {
  const { details } = start;
  const active = activeModeOf(start, details);
  const text = active ? modeTextFor(active, language, wordings) : { ...modeWordingFor(start.mode, language, wordings), detail: null };
  const words = WORDS[language];
  const area = areaOf(start.scope, site);
  const note = details.noteTranslations[language] ?? details.note;
  const steps = [
    text.students.length > 0 ? `${words.students}: ${text.students.join(' ')}` : null,
    text.staff.length > 0 ? `${words.staff}: ${text.staff.join(' ')}` : null,
  ];
  return {
    language,
    categories: ['Safety', ...(MODE_CATEGORY[start.mode] ? [MODE_CATEGORY[start.mode]!] : []), ...(details.hazard ? [HAZARD_CATEGORY[details.hazard]] : [])],
    event: text.name,
    responseTypes: RESPONSE_TYPE[start.mode] ? [RESPONSE_TYPE[start.mode]!] : [],
    urgency: 'Immediate',
    severity: SEVERITY[start.mode],
    certainty: 'Observed',
    eventCodes: [{ valueName: 'SRP', value: SRP_CODE[start.mode] }, ...(details.hazard ? [{ valueName: 'SRP-HAZARD', value: details.hazard }] : [])],
    senderName: site.name,
    headline: `${text.name}${start.drill ? ` (${words.drill})` : ''}: ${area.areaDesc}`,
    description: [`${site.name}: ${text.name} ${words.in} ${area.areaDesc}.`, text.detail ? `${text.detail}.` : null, start.drill ? words.thisIsADrill : null, note ? `${words.noteFromTheOffice} ${note}` : null]
      .filter((part) => part !== null)
      .join(' '),
    instruction: [[text.directive, text.detail ? `${text.detail}.` : null].filter((part) => part !== null).join(' '), ...steps].filter((part) => part !== null).join('\n'),
    parameters: details.destination !== null && start.mode === 'evacuate' ? [{ valueName: 'DESTINATION', value: details.destination }] : [],
    area,
  };
}

function allClearInfo(clear: AllClearRecord, cancels: readonly EndedAlert[], language: Language, site: Site, wordings: ModeWordings): OutboundCapInfo {
  const text = MODE_CATALOGUE.normal.text[language];
  const ended = cancels.map((alert) => `${modeWordingFor(alert.mode, language, wordings).name} (${scopeName(alert.scope, site)})`);
  const words = WORDS[language];
  const area = areaOf(clear.scope, site);
  return {
    language,
    categories: ['Safety'],
    event: text.name,
    responseTypes: ['AllClear'],
    // Past: no response is needed any more (CAP 1.2, 3.2.2 urgency).
    urgency: 'Past',
    severity: 'Minor',
    certainty: 'Observed',
    eventCodes: [{ valueName: 'SRP', value: 'ALL_CLEAR' }],
    senderName: site.name,
    headline: `${text.name}${clear.drill ? ` (${words.drill})` : ''}: ${area.areaDesc}`,
    description: [`${site.name}: ${text.name} ${words.in} ${area.areaDesc}.`, cancels.length > 0 ? `${words.ended} ${ended.join(', ')}.` : null, clear.drill ? words.thisIsADrill : null]
      .filter((part) => part !== null)
      .join(' '),
    instruction: text.directive,
    parameters: [],
    area,
  };
}

/**
 * The CAP message for one change. `references` are the alerts it updates or cancels that the reader may see: the
 * caller leaves out those outside its ceiling.
 */
export function outboundCapMessage(record: AlertRecord, references: readonly EndedAlert[], context: { site: Site; wordings: ModeWordings }): OutboundCapMessage {
  const { site, wordings } = context;
  const common = {
    seq: record.seq,
    identifier: capIdentifier(site, record.seq),
    sender: capSender(site),
    sent: capDateTime(new Date(record.at)),
    status: record.drill ? ('Exercise' as const) : ('Actual' as const),
    references: references.map((ref) => reference(site, ref)),
  };
  const infos = languagesOf(site).map((language) => (record.kind === 'start' ? startInfo(record, language, site, wordings) : allClearInfo(record, references, language, site, wordings)));
  // A start that replaced the mode on its scope updates that alert (CAP 1.2, 3.2.1 msgType Update).
  const msgType = record.kind === 'all-clear' ? 'Cancel' : references.length > 0 ? 'Update' : 'Alert';
  return { ...common, msgType, infos };
}
