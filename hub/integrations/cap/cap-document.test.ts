// Outbound CAP documents: every mode, drill and real, and an All Clear cancelling two alerts, validated against
// cap-1.2.xsd by the hub's own validator, read back by the hub's own CAP reader, and school text kept as text.
import { describe, expect, it } from 'vitest';
import { EMERGENCY_MODES, type EmergencyModeId, type Site } from '../../../shared/model.ts';
import { readCapAlert } from './cap-alert.ts';
import { CAP_RESTRICTION, capDocument } from './cap-document.ts';
import type { AllClearRecord, ModeStartRecord } from './cap-history.ts';
import { decideCap } from './cap-mapping.ts';
import { NO_START_DETAILS, startDetailsInWords } from '../../reports/mode-start-details.ts';
import { outboundCapMessage } from './cap-outbound-message.ts';
import { checkCapMessage } from './cap-validator.ts';

/** A school of its own, with every character XML reserves in its names. */
const SITE: Site = {
  id: 'oneil-sons',
  name: `O'Neil & Sons <"Academy">`,
  timeZone: 'America/Chicago',
  units: 'feet',
  languages: ['en', 'es'],
  defaultLanguage: 'en',
  buildings: [
    { id: 'main', name: 'Main <Hall> & "Annex"', translations: {}, floors: [{ id: 'm1', name: 'Ground', translations: {}, level: 0 }], defaultDestinationId: 'field' },
    { id: 'gym', name: 'Gym', translations: {}, floors: [{ id: 'g1', name: 'Court', translations: {}, level: 0 }], defaultDestinationId: 'field' },
  ],
  zones: [{ id: 'east', name: "East wing's end", translations: {}, buildingId: 'main' }],
  screens: [],
  destinations: [{ id: 'field', name: 'North field & track', translations: {} }],
} as unknown as Site;

const AT = '2026-11-26T15:42:10.120Z';

const DETAIL: Record<EmergencyModeId, string | null> = {
  hold: 'note: “Medical call <gym> & hall”',
  secure: null,
  lockdown: 'note: “Intruder near \'B\' door”; note in es: “Intruso cerca de la puerta \'B\'”',
  evacuate: 'to North field & track; note: “Use the <west> stairs”',
  shelter: 'Tornado: Go to the shelter area',
};

const start = (mode: EmergencyModeId, drill: boolean, seq: number): ModeStartRecord => ({
  kind: 'start',
  seq,
  at: AT,
  scope: mode === 'hold' ? { kind: 'zone', zoneId: 'east' } : mode === 'secure' ? { kind: 'building', buildingId: 'main' } : { kind: 'site' },
  drill,
  mode,
  who: 'office',
  byIntegration: false,
  details: startDetailsInWords(DETAIL[mode]),
  replaces: [],
});

const context = { site: SITE, wordings: {} };

describe('outbound CAP documents', () => {
  for (const drill of [true, false]) {
    for (const mode of EMERGENCY_MODES) {
      it(`${mode} (${drill ? 'drill' : 'real'}) is valid CAP 1.2 that the hub's own intake reads back as ${mode}`, async () => {
        const xml = capDocument(outboundCapMessage(start(mode, drill, 7), [], context));
        expect(await checkCapMessage(xml)).toEqual({ ok: true });
        const alert = readCapAlert(xml);
        expect(alert).toMatchObject({ identifier: 'muster-oneil-sons-7', sender: 'muster@oneil-sons', sent: '2026-11-26T15:42:10-00:00', status: drill ? 'Exercise' : 'Actual', msgType: 'Alert' });
        expect(xml).toContain('<scope>Restricted</scope>');
        expect(xml).toContain(`<restriction>${CAP_RESTRICTION}</restriction>`);
        expect(alert.infos.map((info) => info.language)).toEqual(['en', 'es']);
        // Another Muster taking this alert in would start the same mode on the same scope.
        const decision = decideCap(alert, { site: SITE, ceiling: { kind: 'site' }, startedBy: () => null });
        expect(decision).toMatchObject({ kind: 'act', event: { type: 'start', mode, drill, scope: start(mode, drill, 7).scope } });
      });
    }
  }

  it('keeps school text as text: names and notes with & < > " \' come back exactly', async () => {
    const xml = capDocument(outboundCapMessage(start('evacuate', false, 9), [], context));
    expect(xml).not.toContain('<west>');
    expect(xml).toContain('O&apos;Neil &amp; Sons &lt;&quot;Academy&quot;&gt;');
    const alert = readCapAlert(xml);
    expect(alert.infos[0]!.parameters).toEqual([{ valueName: 'DESTINATION', value: 'North field & track' }]);
    expect(alert.infos[0]!.headline).toBe('Evacuate: Whole school');
    expect(xml).toContain('Note from the office: Use the &lt;west&gt; stairs');
    expect(xml).toContain(`<senderName>O&apos;Neil &amp; Sons &lt;&quot;Academy&quot;&gt;</senderName>`);
  });

  it('words a shelter with its hazard and codes, and a zone with its building', async () => {
    const shelter = readCapAlert(capDocument(outboundCapMessage(start('shelter', true, 3), [], context))).infos[0]!;
    expect(shelter.responseTypes).toEqual(['Shelter']);
    expect(shelter.eventCodes).toEqual([{ valueName: 'SRP', value: 'SHELTER' }, { valueName: 'SRP-HAZARD', value: 'tornado' }]);
    const hold = readCapAlert(capDocument(outboundCapMessage(start('hold', false, 4), [], context))).infos[0]!;
    expect(hold.responseTypes).toEqual([]);
    expect(hold.geocodes).toEqual([{ valueName: 'MUSTER-ZONE', value: 'east' }, { valueName: 'MUSTER-BUILDING', value: 'main' }]);
  });

  it('makes an All Clear a Cancel whose references name each alert it ended, and is valid', async () => {
    const lockdown = start('lockdown', true, 11);
    const evacuate = { ...start('evacuate', true, 12), at: '2026-11-26T15:50:00.000Z' };
    const clear: AllClearRecord = { kind: 'all-clear', seq: 13, at: '2026-11-26T16:00:00.000Z', scope: { kind: 'site' }, drill: true, who: 'office', byIntegration: false, cancels: [lockdown, evacuate] };
    const xml = capDocument(outboundCapMessage(clear, clear.cancels, context));
    expect(await checkCapMessage(xml)).toEqual({ ok: true });
    const alert = readCapAlert(xml);
    expect(alert).toMatchObject({ identifier: 'muster-oneil-sons-13', msgType: 'Cancel', status: 'Exercise' });
    expect(alert.references).toEqual([
      { sender: 'muster@oneil-sons', identifier: 'muster-oneil-sons-11', sent: '2026-11-26T15:42:10-00:00' },
      { sender: 'muster@oneil-sons', identifier: 'muster-oneil-sons-12', sent: '2026-11-26T15:50:00-00:00' },
    ]);
    expect(alert.infos[0]).toMatchObject({ responseTypes: ['AllClear'], eventCodes: [{ valueName: 'SRP', value: 'ALL_CLEAR' }] });
    expect(xml).toContain('Ended: Lockdown (Whole school), Evacuate (Whole school).');
  });

  it('makes a start that replaced the mode on its scope an Update of it', async () => {
    const replaced = start('hold', false, 20);
    const xml = capDocument(outboundCapMessage({ ...start('lockdown', false, 21), scope: replaced.scope, replaces: [replaced] }, [replaced], context));
    expect(await checkCapMessage(xml)).toEqual({ ok: true });
    expect(readCapAlert(xml)).toMatchObject({ msgType: 'Update', references: [{ identifier: 'muster-oneil-sons-20' }] });
  });

  it('drops characters XML cannot hold at all', async () => {
    const xml = capDocument(outboundCapMessage({ ...start('hold', false, 5), details: { ...NO_START_DETAILS, note: 'bell\u0007 rang\uD800' } }, [], context));
    expect(await checkCapMessage(xml)).toEqual({ ok: true });
    expect(xml).toContain('Note from the office: bell rang');
  });
});
