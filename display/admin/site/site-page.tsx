// The site editor: the school's name, time zone, units and screen languages; its buildings and their floors,
// zones, and evacuation destinations (one default per building, which pre-fills Evacuate). Saved whole and
// version-checked; the hub refuses to remove what something still uses and says what.
import { useState } from 'preact/hooks';
import { LANGUAGES, UNITS, type Language } from '../../../shared/model.ts';
import { settingsOf, type SiteSettings } from '../../../shared/site-settings.ts';
import { translationLanguages } from '../../../shared/translations.ts';
import { ApiFailure, api, call } from '../../lib/api-client.ts';
import { errorText } from '../../lib/error-text.ts';
import { TranslationFields } from '../../lib/translation-fields.tsx';
import { siteSaved, useSite } from '../../lib/use-site.ts';
import { DraftBar, clockTime } from '../draft-bar.tsx';
import { addBuilding, addDestination, addFloor, addZone, changeBuilding, changeFloor, moved, removeDestination } from './site-draft.ts';
import { SiteFileTools } from './site-file-tools.tsx';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español (Spanish)' };
const UNIT_NAMES = { feet: 'Feet', metres: 'Metres' } as const;

function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** A one-field form that adds something by name ("Add building"). */
function AddByName(props: { label: string; placeholder: string; test: string; disabled: boolean; onAdd: (name: string) => void }) {
  const [name, setName] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (name.trim() === '') return;
    props.onAdd(name);
    setName('');
  };
  return (
    <form class="add-by-name" onSubmit={submit}>
      <input aria-label={props.label} data-test={`${props.test}-name`} value={name} maxLength={120} placeholder={props.placeholder} disabled={props.disabled} onInput={(e) => setName(e.currentTarget.value)} />
      <button type="submit" class="secondary" data-test={props.test} disabled={props.disabled || name.trim() === ''}>
        {props.label}
      </button>
    </form>
  );
}

function MoveButtons(props: { what: string; index: number; count: number; disabled: boolean; onMove: (delta: -1 | 1) => void }) {
  return (
    <span class="move-buttons">
      <button type="button" class="icon-button" aria-label={`Move ${props.what} up`} disabled={props.disabled || props.index === 0} onClick={() => props.onMove(-1)}>
        ↑
      </button>
      <button type="button" class="icon-button" aria-label={`Move ${props.what} down`} disabled={props.disabled || props.index === props.count - 1} onClick={() => props.onMove(1)}>
        ↓
      </button>
    </span>
  );
}

export function SitePage(props: { canEdit: boolean }) {
  const { site, version, error: loadError } = useSite();
  const [draft, setDraft] = useState<SiteSettings | null>(null);
  const [baseVersion, setBaseVersion] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  if (!site || !version) return <p class={loadError ? 'error' : 'muted'}>{loadError ?? 'Loading the site…'}</p>;

  const saved = settingsOf(site);
  const shown = draft ?? saved;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(saved);
  const readOnly = !props.canEdit || busy;
  // Names get a field per other screen language, so Spanish screens say "Puertas oeste", not "West doors".
  const translateTo = translationLanguages(shown);
  const edit = (next: SiteSettings) => {
    if (draft === null) setBaseVersion(version);
    setDraft(next);
    setError(null);
  };
  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const body = await call(api.site.$put({ json: { baseVersion: baseVersion ?? version, settings: draft } }));
      siteSaved(body.site, body.version);
      setDraft(null);
      setSavedAt(Date.now());
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.code === 'conflict') setConflict(true);
      else setError(failure instanceof ApiFailure ? errorText(failure) : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const reload = () => {
    setDraft(null);
    setConflict(false);
    setError(null);
  };

  return (
    <div class="site-page" data-test="site-page">
      <DraftBar
        dirty={dirty}
        busy={busy}
        conflict={conflict}
        error={error}
        problemCount={0}
        readOnly={!props.canEdit}
        words={{
          unsaved: 'Unsaved changes',
          saved: savedAt ? `Saved at ${clockTime(savedAt)}` : 'No unsaved changes',
          fixFirst: () => '',
          save: 'Save the site',
          saving: 'Saving…',
          conflict: 'Someone else changed the site after you opened it, so your changes were not saved.',
          confirmDiscard: 'Throw away your unsaved changes to the site?',
        }}
        tests={{ unsaved: 'site-unsaved', saved: 'site-saved', discard: 'discard-site', save: 'save-site', conflict: 'site-conflict', reload: 'reload-site', error: 'site-error' }}
        onSave={() => void save()}
        onReload={reload}
      />

      <section class="site-section">
        <h3>School</h3>
        <div class="site-fields">
          <label>
            Name
            <input data-test="site-name" value={shown.name} maxLength={120} disabled={readOnly} onInput={(e) => edit({ ...shown, name: e.currentTarget.value })} />
          </label>
          <label>
            Time zone
            <select data-test="site-time-zone" value={shown.timeZone} disabled={readOnly} onChange={(e) => edit({ ...shown, timeZone: e.currentTarget.value })}>
              {timeZones(shown.timeZone).map((zone) => (
                <option value={zone}>{zone}</option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>Distances on screens</legend>
            {UNITS.map((units) => (
              <label class="inline">
                <input type="radio" name="units" data-test={`site-units-${units}`} checked={shown.units === units} disabled={readOnly} onChange={() => edit({ ...shown, units })} />
                {UNIT_NAMES[units]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Screen languages</legend>
            {LANGUAGES.map((language) => (
              <label class="inline">
                <input
                  type="checkbox"
                  data-test={`site-language-${language}`}
                  checked={shown.languages.includes(language)}
                  disabled={readOnly}
                  onChange={(e) => {
                    const languages = e.currentTarget.checked ? LANGUAGES.filter((l) => l === language || shown.languages.includes(l)) : shown.languages.filter((l) => l !== language);
                    edit({ ...shown, languages, defaultLanguage: languages.includes(shown.defaultLanguage) ? shown.defaultLanguage : (languages[0] ?? shown.defaultLanguage) });
                  }}
                />
                {LANGUAGE_NAMES[language]}
              </label>
            ))}
          </fieldset>
          <label>
            New screens speak
            <select data-test="site-default-language" value={shown.defaultLanguage} disabled={readOnly} onChange={(e) => edit({ ...shown, defaultLanguage: e.currentTarget.value as Language })}>
              {shown.languages.map((language) => (
                <option value={language}>{LANGUAGE_NAMES[language]}</option>
              ))}
            </select>
          </label>
        </div>
      </section>

      <section class="site-section">
        <h3>Buildings and floors</h3>
        {shown.buildings.length === 0 && <p class="muted">No buildings yet. Add each building of the school, then its floors.</p>}
        {shown.buildings.map((building, index) => (
          <div class="building-card" data-test={`building-${building.id}`}>
            <div class="row">
              <label class="grow">
                Building
                <input data-test={`building-name-${building.id}`} value={building.name} maxLength={120} disabled={readOnly} onInput={(e) => edit(changeBuilding(shown, building.id, (b) => ({ ...b, name: e.currentTarget.value })))} />
              </label>
              <TranslationFields
                languages={translateTo}
                what="Building"
                translations={building.translations}
                maxLength={120}
                disabled={readOnly}
                test={`building-translation-${building.id}`}
                class="grow"
                onChange={(translations) => edit(changeBuilding(shown, building.id, (b) => ({ ...b, translations })))}
              />
              <label>
                Evacuate to (default)
                <select
                  data-test={`building-destination-${building.id}`}
                  value={building.defaultDestinationId ?? ''}
                  disabled={readOnly}
                  onChange={(e) => edit(changeBuilding(shown, building.id, (b) => ({ ...b, defaultDestinationId: e.currentTarget.value || null })))}
                >
                  <option value="">No default</option>
                  {shown.destinations.map((d) => (
                    <option value={d.id}>{d.name}</option>
                  ))}
                </select>
              </label>
              <MoveButtons what={building.name} index={index} count={shown.buildings.length} disabled={readOnly} onMove={(delta) => edit({ ...shown, buildings: moved(shown.buildings, index, delta) })} />
              <button type="button" class="secondary danger" data-test={`remove-building-${building.id}`} disabled={readOnly} onClick={() => edit({ ...shown, buildings: shown.buildings.filter((b) => b.id !== building.id), zones: shown.zones.filter((z) => z.buildingId !== building.id) })}>
                Remove building
              </button>
            </div>
            <ol class="floor-list">
              {building.floors.map((floor, floorIndex) => (
                <li data-test={`floor-${floor.id}`}>
                  <input aria-label="Floor name" data-test={`floor-name-${floor.id}`} value={floor.name} maxLength={120} disabled={readOnly} onInput={(e) => edit(changeFloor(shown, building.id, floor.id, { name: e.currentTarget.value }))} />
                  <TranslationFields
                    languages={translateTo}
                    what="Floor"
                    translations={floor.translations}
                    maxLength={120}
                    disabled={readOnly}
                    test={`floor-translation-${floor.id}`}
                    class="inline"
                    onChange={(translations) => edit(changeFloor(shown, building.id, floor.id, { translations }))}
                  />
                  <label class="inline">
                    Level
                    <input type="number" class="level" value={floor.level} min={-10} max={200} disabled={readOnly} onInput={(e) => edit(changeFloor(shown, building.id, floor.id, { level: Math.trunc(Number(e.currentTarget.value)) }))} />
                  </label>
                  <MoveButtons what={floor.name} index={floorIndex} count={building.floors.length} disabled={readOnly} onMove={(delta) => edit(changeBuilding(shown, building.id, (b) => ({ ...b, floors: moved(b.floors, floorIndex, delta) })))} />
                  <button type="button" class="link-button" data-test={`remove-floor-${floor.id}`} disabled={readOnly} onClick={() => edit(changeBuilding(shown, building.id, (b) => ({ ...b, floors: b.floors.filter((f) => f.id !== floor.id) })))}>
                    Remove
                  </button>
                </li>
              ))}
            </ol>
            {building.floors.length === 0 && <p class="muted">This building has no floors yet.</p>}
            <AddByName label="Add floor" placeholder="A new floor’s name, e.g. 3rd floor" test={`add-floor-${building.id}`} disabled={readOnly} onAdd={(name) => edit(addFloor(shown, building.id, name))} />
            <h4>Zones</h4>
            <ul class="zone-list">
              {shown.zones
                .filter((zone) => zone.buildingId === building.id)
                .map((zone) => (
                  <li data-test={`zone-${zone.id}`}>
                    <input aria-label="Zone name" value={zone.name} maxLength={120} disabled={readOnly} onInput={(e) => edit({ ...shown, zones: shown.zones.map((z) => (z.id === zone.id ? { ...z, name: e.currentTarget.value } : z)) })} />
                    <TranslationFields
                      languages={translateTo}
                      what="Zone"
                      translations={zone.translations}
                      maxLength={120}
                      disabled={readOnly}
                      test={`zone-translation-${zone.id}`}
                      class="inline"
                      onChange={(translations) => edit({ ...shown, zones: shown.zones.map((z) => (z.id === zone.id ? { ...z, translations } : z)) })}
                    />
                    <button type="button" class="link-button" data-test={`remove-zone-${zone.id}`} disabled={readOnly} onClick={() => edit({ ...shown, zones: shown.zones.filter((z) => z.id !== zone.id) })}>
                      Remove
                    </button>
                  </li>
                ))}
            </ul>
            <AddByName label="Add zone" placeholder="A new zone’s name, e.g. East wing" test={`add-zone-${building.id}`} disabled={readOnly} onAdd={(name) => edit(addZone(shown, building.id, name))} />
          </div>
        ))}
        <AddByName label="Add building" placeholder="A new building’s name, e.g. Science Annex" test="add-building" disabled={readOnly} onAdd={(name) => edit(addBuilding(shown, name))} />
      </section>

      <section class="site-section">
        <h3>Evacuation destinations and assembly points</h3>
        <p class="muted">Where people go when they leave a building. Each building’s default pre-fills Evacuate in the office console.</p>
        <ul class="zone-list">
          {shown.destinations.map((destination) => (
            <li data-test={`destination-${destination.id}`}>
              <input
                aria-label="Destination name"
                value={destination.name}
                maxLength={120}
                disabled={readOnly}
                onInput={(e) => edit({ ...shown, destinations: shown.destinations.map((d) => (d.id === destination.id ? { ...d, name: e.currentTarget.value } : d)) })}
              />
              <TranslationFields
                languages={translateTo}
                what="Destination"
                translations={destination.translations}
                maxLength={120}
                disabled={readOnly}
                test={`destination-translation-${destination.id}`}
                class="inline"
                onChange={(translations) => edit({ ...shown, destinations: shown.destinations.map((d) => (d.id === destination.id ? { ...d, translations } : d)) })}
              />
              <button type="button" class="link-button" data-test={`remove-destination-${destination.id}`} disabled={readOnly} onClick={() => edit(removeDestination(shown, destination.id))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <AddByName label="Add destination" placeholder="A new destination, e.g. North athletic field" test="add-destination" disabled={readOnly} onAdd={(name) => edit(addDestination(shown, name))} />
      </section>

      {props.canEdit && <SiteFileTools />}
    </div>
  );
}
