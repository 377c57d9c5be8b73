// "Pair a screen": the admin types the code a new screen shows, names it and says where it hangs; the screen
// receives its device token at once and starts showing its normal view.
import { useEffect, useState } from 'preact/hooks';
import type { Site, Translations } from '../../shared/model.ts';
import { translationLanguages } from '../../shared/translations.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { reloadSite, useSite } from '../lib/use-site.ts';
import { LANGUAGE_NAMES } from '../lib/language-names.ts';
import { TranslationFields } from '../lib/translation-fields.tsx';

interface Draft {
  code: string;
  screenId: string;
  name: string;
  buildingId: string;
  floorId: string;
  zoneId: string;
  location: string;
  locationTranslations: Translations | undefined;
  language: string;
  /** '' for none. */
  secondLanguage: string;
  sideBySide: boolean;
  tags: string;
  sound: boolean;
}

const EMPTY: Draft = { code: '', screenId: '', name: '', buildingId: '', floorId: '', zoneId: '', location: '', locationTranslations: undefined, language: '', secondLanguage: '', sideBySide: false, tags: '', sound: true };

export function PairScreenForm(props: { onPaired?: (name: string) => void }) {
  const { site, error } = useSite();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const pair = useApiAction();
  if (!site) return <p class={error ? 'error' : 'muted'}>{error ?? 'Loading the site…'}</p>;
  if (!site.buildings.some((b) => b.floors.length > 0)) {
    return <p class="muted" data-test="pair-needs-site">A screen hangs on a floor of a building: add your buildings and floors on the <a href="#site">Site</a> page first.</p>;
  }

  const set = (patch: Partial<Draft>) => {
    setDone(null);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const building = site.buildings.find((b) => b.id === draft.buildingId);
  const zones = site.zones.filter((z) => z.buildingId === draft.buildingId);
  // Pairing as an existing screen (a replaced kiosk) starts from that screen's details.
  const replace = (screenId: string) => {
    const screen = site.screens.find((s) => s.id === screenId);
    set(
      screen
        ? {
            screenId,
            name: screen.name,
            buildingId: screen.buildingId,
            floorId: screen.floorId,
            zoneId: screen.zoneId ?? '',
            location: screen.location,
            locationTranslations: screen.locationTranslations,
            language: screen.language,
            secondLanguage: screen.secondLanguage ?? '',
            sideBySide: screen.languageLayout === 'side-by-side',
            tags: (screen.tags ?? []).join(', '),
            sound: screen.sound !== false,
          }
        : { screenId: '' },
    );
  };
  const language = draft.language || site.defaultLanguage;
  const secondLanguage = site.languages.find((l) => l === draft.secondLanguage && l !== language);
  const submit = async (event: Event) => {
    event.preventDefault();
    const tags = draft.tags.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
    const body = await pair.run(() =>
      call(
        api.screens.pair.$post({
          json: {
            code: draft.code,
            ...(draft.screenId ? { screenId: draft.screenId } : {}),
            name: draft.name,
            buildingId: draft.buildingId,
            floorId: draft.floorId,
            zoneId: draft.zoneId || null,
            location: draft.location,
            ...(draft.locationTranslations ? { locationTranslations: draft.locationTranslations } : {}),
            ...(draft.language === 'en' || draft.language === 'es' ? { language: draft.language } : {}),
            ...(secondLanguage ? { secondLanguage } : {}),
            ...(secondLanguage && draft.sideBySide ? { languageLayout: 'side-by-side' as const } : {}),
            ...(tags.length > 0 ? { tags } : {}),
            sound: draft.sound,
          },
        }),
      ),
    );
    if (!body) return;
    void reloadSite();
    setDone(`Paired “${body.screen.name}” (${body.screen.id}). It now shows its normal view; place it on its floor plan under Floor plans.`);
    setDraft(EMPTY);
    props.onPaired?.(body.screen.name);
  };

  return (
    <form class="pair-form" data-test="pair-form" onSubmit={submit}>
      <p class="muted">Open <code>/screen/</code> on the new screen: it shows a code. Type it here and say where the screen hangs.</p>
      <label>
        Code shown on the screen
        <input data-test="pair-code" value={draft.code} required maxLength={16} autoComplete="off" placeholder="K7M-2QX" onInput={(e) => set({ code: e.currentTarget.value })} />
      </label>
      <label>
        Replaces
        <select data-test="pair-replaces" value={draft.screenId} onChange={(e) => replace(e.currentTarget.value)}>
          <option value="">Nothing: a new screen</option>
          {site.screens.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Name
        <input data-test="pair-name" value={draft.name} required maxLength={120} placeholder="Library, by the desk" onInput={(e) => set({ name: e.currentTarget.value })} />
      </label>
      <label>
        Building
        <select data-test="pair-building" value={draft.buildingId} required onChange={(e) => set({ buildingId: e.currentTarget.value, floorId: '', zoneId: '' })}>
          <option value="" disabled>
            Choose…
          </option>
          {site.buildings.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Floor
        <select data-test="pair-floor" value={draft.floorId} required disabled={!building} onChange={(e) => set({ floorId: e.currentTarget.value })}>
          <option value="" disabled>
            Choose…
          </option>
          {building?.floors.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Zone
        <select data-test="pair-zone" value={draft.zoneId} disabled={!building} onChange={(e) => set({ zoneId: e.currentTarget.value })}>
          <option value="">No zone</option>
          {zones.map((z) => (
            <option key={z.id} value={z.id}>
              {z.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Location, in words a visitor understands
        <input data-test="pair-location" value={draft.location} maxLength={200} placeholder="2nd floor, library entrance" onInput={(e) => set({ location: e.currentTarget.value })} />
      </label>
      <TranslationFields
        languages={translationLanguages(site)}
        what="Location"
        translations={draft.locationTranslations}
        maxLength={200}
        test="pair-location-translation"
        onChange={(locationTranslations) => set({ locationTranslations })}
      />
      <label>
        Language
        <select data-test="pair-language" value={draft.language} onChange={(e) => set({ language: e.currentTarget.value })}>
          <option value="">The school’s ({site.defaultLanguage === 'es' ? 'Spanish' : 'English'})</option>
          {/* Only the languages the school offers on its screens (the Site page). */}
          {site.languages.includes('en') && <option value="en">English</option>}
          {site.languages.includes('es') && <option value="es">Spanish</option>}
        </select>
      </label>
      {site.languages.length > 1 && (
        <label>
          Second language
          <select data-test="pair-second-language" value={secondLanguage ?? ''} onChange={(e) => set({ secondLanguage: e.currentTarget.value })}>
            <option value="">None</option>
            {site.languages
              .filter((l) => l !== language)
              .map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
          </select>
        </label>
      )}
      {site.languages.length > 1 && secondLanguage && (
        <label class="check">
          <input type="checkbox" data-test="pair-side-by-side" checked={draft.sideBySide} onChange={(e) => set({ sideBySide: e.currentTarget.checked })} />
          During a mode, show both languages side by side (for a wide screen) rather than in turns
        </label>
      )}
      <label>
        Groups (comma-separated)
        <input data-test="pair-tags" value={draft.tags} maxLength={400} placeholder="hallways, entrances" onInput={(e) => set({ tags: e.currentTarget.value })} />
      </label>
      <label class="checkbox">
        <input type="checkbox" data-test="pair-sound" checked={draft.sound} onChange={(e) => set({ sound: e.currentTarget.checked })} />
        Sounds a tone when a mode starts and at the All Clear (off for a screen that must stay silent)
      </label>
      <div class="form-actions">
        <button type="submit" class="primary" data-test="pair-submit" disabled={pair.busy}>
          {pair.busy ? 'Pairing…' : 'Pair the screen'}
        </button>
      </div>
      {pair.error && (
        <p class="error" role="alert" data-test="pair-error">
          {pair.error}
        </p>
      )}
      {done && (
        <p class="ok" role="status" data-test="pair-done">
          {done}
        </p>
      )}
    </form>
  );
}
