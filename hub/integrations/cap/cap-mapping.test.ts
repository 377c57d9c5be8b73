// What each CAP alert asks of Muster (cap-mapping.ts), on alerts shaped as the specification's examples and NWS's
// published formats describe them.
import { describe, expect, it } from 'vitest';
import type { Scope, Site } from '../../../shared/model.ts';
import type { CapAlert, CapInfo } from './cap-alert.ts';
import { capEventId, decideCap, type CapContext } from './cap-mapping.ts';

const SITE = {
  id: 'maple',
  buildings: [
    { id: 'main', name: 'Main Building', floors: [], defaultDestinationId: 'north-field' },
    { id: 'annex', name: 'Annex', floors: [], defaultDestinationId: null },
  ],
  zones: [{ id: 'gym-zone', name: 'Gym wing', buildingId: 'main' }],
  destinations: [
    { id: 'north-field', name: 'North athletic field' },
    { id: 'church', name: 'Grace Church hall' },
  ],
} as unknown as Site;

const info = (fields: Partial<CapInfo> = {}): CapInfo => ({ language: 'en-US', event: 'Test event', responseTypes: [], eventCodes: [], parameters: [], headline: null, geocodes: [], ...fields });
const alert = (fields: Partial<CapAlert> = {}): CapAlert => ({
  identifier: 'KSHV-1',
  sender: 'w-nws.webmaster@noaa.gov',
  sent: '2026-11-26T14:00:00-06:00',
  status: 'Actual',
  msgType: 'Alert',
  references: [],
  infos: [info()],
  ...fields,
});
const context = (fields: Partial<CapContext> = {}): CapContext => ({ site: SITE, ceiling: { kind: 'site' }, startedBy: () => null, ...fields });
const srp = (value: string) => ({ valueName: 'SRP', value });

describe('tests of the alerting chain', () => {
  it('acknowledges the Required Monthly Test IPAWS sends as Actual, and a school test that names a mode still acts', () => {
    const rmt = info({ event: 'Required Monthly Test', eventCodes: [{ valueName: 'SAME', value: 'RMT' }] });
    expect(decideCap(alert({ infos: [rmt] }), context())).toEqual({ kind: 'acknowledge', why: 'a Required Monthly Test (SAME RMT): received, and no screen changed' });
    expect(decideCap(alert({ infos: [info({ eventCodes: [{ valueName: 'SAME', value: 'dmo' }] })] }), context())).toMatchObject({ kind: 'acknowledge' });
    const named = info({ eventCodes: [{ valueName: 'SAME', value: 'RWT' }, srp('HOLD')] });
    expect(decideCap(alert({ status: 'Exercise', infos: [named] }), context())).toMatchObject({ kind: 'act', event: { mode: 'hold', drill: true } });
  });
});

describe('the mode a CAP alert asks for', () => {
  it('takes it from an SRP event code, real for Actual and a drill for Exercise', () => {
    expect(decideCap(alert({ infos: [info({ eventCodes: [srp('LOCKDOWN')] })] }), context())).toEqual({ kind: 'act', event: { type: 'start', mode: 'lockdown', scope: { kind: 'site' }, drill: false } });
    expect(decideCap(alert({ status: 'Exercise', infos: [info({ eventCodes: [srp('hold')] })] }), context())).toEqual({ kind: 'act', event: { type: 'start', mode: 'hold', scope: { kind: 'site' }, drill: true } });
    expect(decideCap(alert({ infos: [info({ eventCodes: [srp('ALL_CLEAR')] })] }), context())).toEqual({ kind: 'act', event: { type: 'all-clear', scope: { kind: 'site' }, drill: false } });
  });

  it('shelters from a tornado warning: responseType Shelter and the SAME code TOR, as NWS sends it', () => {
    const tornado = info({
      event: 'Tornado Warning',
      responseTypes: ['Shelter'],
      eventCodes: [
        { valueName: 'SAME', value: 'TOR' },
        { valueName: 'NationalWeatherService', value: 'TOW' },
      ],
      geocodes: [
        { valueName: 'SAME', value: '022059' },
        { valueName: 'UGC', value: 'LAC059' },
      ],
    });
    expect(decideCap(alert({ infos: [tornado] }), context())).toEqual({ kind: 'act', event: { type: 'start', mode: 'shelter', hazard: 'tornado', scope: { kind: 'site' }, drill: false } });
  });

  it('says why it cannot shelter without a hazard, and why it understands nothing in an alert that names no mode', () => {
    expect(decideCap(alert({ infos: [info({ responseTypes: ['Shelter'] })] }), context())).toMatchObject({ kind: 'not-understood', why: expect.stringContaining('Shelter needs its hazard') });
    const thunderstorm = decideCap(alert({ infos: [info({ event: 'Severe Thunderstorm Warning', responseTypes: ['Monitor'] })] }), context());
    expect(thunderstorm).toMatchObject({ kind: 'not-understood', why: expect.stringContaining('"Severe Thunderstorm Warning" names no mode') });
  });

  it('evacuates to the named destination, else the building’s default, else says it needs one', () => {
    const evacuate = (fields: Partial<CapInfo>) => decideCap(alert({ infos: [info({ eventCodes: [srp('EVACUATE')], ...fields })] }), context());
    expect(evacuate({ parameters: [{ valueName: 'DESTINATION', value: 'grace church hall' }] })).toMatchObject({ event: { mode: 'evacuate', destination: 'Grace Church hall' } });
    expect(evacuate({ geocodes: [{ valueName: 'MUSTER-BUILDING', value: 'main' }] })).toMatchObject({ event: { mode: 'evacuate', destination: 'North athletic field', scope: { kind: 'building', buildingId: 'main' } } });
    expect(evacuate({ geocodes: [{ valueName: 'MUSTER-BUILDING', value: 'Annex' }] })).toMatchObject({ kind: 'not-understood', why: expect.stringContaining('Evacuate needs a destination') });
    expect(evacuate({ parameters: [{ valueName: 'DESTINATION', value: 'The moon' }] })).toMatchObject({ kind: 'not-understood', why: expect.stringContaining('"The moon"') });
  });

  it('takes the scope from a MUSTER-BUILDING or MUSTER-ZONE geocode, by id or name, else the integration’s ceiling', () => {
    const lockdown = (geocodes: CapInfo['geocodes'], ceiling: Scope = { kind: 'site' }) => decideCap(alert({ infos: [info({ eventCodes: [srp('LOCKDOWN')], geocodes })] }), context({ ceiling }));
    expect(lockdown([{ valueName: 'MUSTER-ZONE', value: 'Gym Wing' }])).toMatchObject({ event: { scope: { kind: 'zone', zoneId: 'gym-zone' } } });
    expect(lockdown([{ valueName: 'muster-building', value: 'annex' }])).toMatchObject({ event: { scope: { kind: 'building', buildingId: 'annex' } } });
    expect(lockdown([], { kind: 'building', buildingId: 'annex' })).toMatchObject({ event: { scope: { kind: 'building', buildingId: 'annex' } } });
    expect(lockdown([{ valueName: 'MUSTER-BUILDING', value: 'Gymnasium' }])).toMatchObject({ kind: 'not-understood', why: expect.stringContaining('"Gymnasium"') });
  });
});

describe('what changes nothing', () => {
  it('acknowledges Test, System and Draft messages, and Acks and Errors', () => {
    for (const status of ['Test', 'System', 'Draft'] as const) {
      expect(decideCap(alert({ status, infos: [info({ eventCodes: [srp('LOCKDOWN')] })] }), context())).toMatchObject({ kind: 'acknowledge', why: expect.stringContaining(status) });
    }
    expect(decideCap(alert({ msgType: 'Ack' }), context())).toMatchObject({ kind: 'acknowledge' });
  });
});

describe('a Cancel', () => {
  const started = new Map([[capEventId('raptor', 'A-1'), { scope: { kind: 'building', buildingId: 'main' } as Scope, drill: true }]]);
  const startedBy = (sender: string, identifier: string) => started.get(capEventId(sender, identifier)) ?? null;

  it('ends what the alert it references started, on its scope and with its drill flag', () => {
    const cancel = alert({ msgType: 'Cancel', references: [{ sender: 'raptor', identifier: 'A-1', sent: '2026-11-26T14:00:00-06:00' }], infos: [] });
    expect(decideCap(cancel, context({ startedBy }))).toEqual({ kind: 'act', event: { type: 'all-clear', scope: { kind: 'building', buildingId: 'main' }, drill: true } });
  });

  it('is not understood without references, or when what it references started nothing here', () => {
    expect(decideCap(alert({ msgType: 'Cancel', infos: [] }), context({ startedBy }))).toMatchObject({ kind: 'not-understood', why: expect.stringContaining('<references>') });
    const other = alert({ msgType: 'Cancel', references: [{ sender: 'raptor', identifier: 'B-9', sent: '2026-11-26T14:00:00-06:00' }] });
    expect(decideCap(other, context({ startedBy }))).toMatchObject({ kind: 'not-understood', why: expect.stringContaining('started nothing here') });
  });

  it('keys messages by sender and identifier only', () => {
    expect(capEventId('a', 'b')).toBe(capEventId('a', 'b'));
    expect(capEventId('a', 'b')).not.toBe(capEventId('a,b', ''));
  });
});
