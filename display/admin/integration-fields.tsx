// What an integration may do, as form fields: the modes it may start, the widest scope it may act on, drills only,
// the addresses it may send from, and where Muster tells it of each change (a signing one only). Used by the New integration form and by each integration's Change dialog.
import { EMERGENCY_MODES, type EmergencyModeId, type Scope, type Site } from '../../shared/model.ts';
import { MODE_CATALOGUE, scopeKey } from '../../shared/modes.ts';
import { scopeName } from '../../shared/scope-names.ts';

export interface IntegrationPowers {
  modes: EmergencyModeId[];
  ceiling: Scope;
  drillOnly: boolean;
  /** As typed: addresses and networks separated by spaces, commas or new lines. */
  addresses: string;
  /** As typed; empty: Muster tells it of nothing. */
  outboundUrl: string;
}

export type PowersField = 'modes' | 'ceiling' | 'drillOnly' | 'allowedAddresses' | 'outboundUrl';

/** The outbound address typed, as the hub takes it: null when the field is empty. */
export const outboundUrlOf = (text: string) => text.trim() || null;

/** The addresses typed into the field, as the list the hub takes. */
export const addressesOf = (text: string) => text.split(/[\s,]+/).filter((part) => part !== '');

/** Every scope of the site, widest first: the whole school, each building, then each zone within its building. */
export function scopesOf(site: Site | null): Scope[] {
  if (!site) return [{ kind: 'site' }];
  return [
    { kind: 'site' },
    ...site.buildings.flatMap((building): Scope[] => [
      { kind: 'building', buildingId: building.id },
      ...site.zones.filter((zone) => zone.buildingId === building.id).map((zone): Scope => ({ kind: 'zone', zoneId: zone.id })),
    ]),
  ];
}

export function IntegrationFields(props: {
  /** Prefixes ids and data-test names, so two forms on a page do not collide. */
  name: string;
  site: Site | null;
  powers: IntegrationPowers;
  /** It signs its events: only then can Muster sign what it tells it (outbound webhooks). */
  signs: boolean;
  problems: Partial<Record<PowersField, string>>;
  onChange: (powers: IntegrationPowers) => void;
}) {
  const { powers, problems } = props;
  const scopes = scopesOf(props.site);
  const set = (change: Partial<IntegrationPowers>) => props.onChange({ ...powers, ...change });
  const problem = (field: PowersField) =>
    problems[field] && (
      <p class="field-problem" id={`${props.name}-${field}-problem`} data-test={`${props.name}-${field}-problem`}>
        {problems[field]}
      </p>
    );
  return (
    <>
      <fieldset class="integration-modes" aria-describedby={problems.modes ? `${props.name}-modes-problem` : undefined}>
        <legend>Modes it may start (and end)</legend>
        {EMERGENCY_MODES.map((mode) => (
          <label class="check" key={mode}>
            <input
              type="checkbox"
              data-test={`${props.name}-mode-${mode}`}
              checked={powers.modes.includes(mode)}
              onChange={(e) => set({ modes: e.currentTarget.checked ? EMERGENCY_MODES.filter((m) => m === mode || powers.modes.includes(m)) : powers.modes.filter((m) => m !== mode) })}
            />
            {MODE_CATALOGUE[mode].text.en.name}
          </label>
        ))}
      </fieldset>
      {problem('modes')}
      <label>
        Where it may act (at most)
        <select
          data-test={`${props.name}-ceiling`}
          value={scopeKey(powers.ceiling)}
          onChange={(e) => set({ ceiling: scopes.find((scope) => scopeKey(scope) === e.currentTarget.value) ?? powers.ceiling })}
        >
          {scopes.map((scope) => (
            <option key={scopeKey(scope)} value={scopeKey(scope)}>
              {scopeName(scope, props.site)}
            </option>
          ))}
        </select>
      </label>
      {problem('ceiling')}
      <label class="check">
        <input type="checkbox" data-test={`${props.name}-drill-only`} checked={powers.drillOnly} onChange={(e) => set({ drillOnly: e.currentTarget.checked })} />
        Drills only: it may never start or end a real event
      </label>
      <label>
        Addresses it may send from (optional)
        <textarea
          rows={2}
          data-test={`${props.name}-addresses`}
          value={powers.addresses}
          spellcheck={false}
          aria-invalid={problems.allowedAddresses ? true : undefined}
          aria-describedby={`${props.name}-addresses-hint${problems.allowedAddresses ? ` ${props.name}-allowedAddresses-problem` : ''}`}
          onInput={(e) => set({ addresses: e.currentTarget.value })}
        />
      </label>
      <p class="hint" id={`${props.name}-addresses-hint`}>
        IP addresses or networks, such as <code>10.20.0.15</code> or <code>10.20.0.0/16</code>. Leave it empty to take events from any address.
      </p>
      {problem('allowedAddresses')}
      {props.signs && (
        <>
          <label>
            Tell it of every change at (optional)
            <input
              type="url"
              data-test={`${props.name}-outbound-url`}
              value={powers.outboundUrl}
              spellcheck={false}
              placeholder="https://alarms.example.org/muster"
              aria-invalid={problems.outboundUrl ? true : undefined}
              aria-describedby={`${props.name}-outbound-hint${problems.outboundUrl ? ` ${props.name}-outboundUrl-problem` : ''}`}
              onInput={(e) => set({ outboundUrl: e.currentTarget.value })}
            />
          </label>
          <p class="hint" id={`${props.name}-outbound-hint`}>
            Muster sends each mode start, All Clear and hazard change there, signed with this integration’s secret, and tries again until it is taken.
          </p>
          {problem('outboundUrl')}
        </>
      )}
    </>
  );
}
