// The deliberate second step before a mode starts: where (scope), Drill or Real (no default), and what the
// mode needs (evacuation destination, shelter hazard). The confirm button stays disabled until all is chosen.
import { useState } from 'preact/hooks';
import {
  SHELTER_HAZARDS,
  SHELTER_STRATEGIES,
  type ActiveMode,
  type EmergencyModeId,
  type ModeRequest,
  type Scope,
  type ShelterHazard,
  type ShelterStrategy,
  type Site,
  type Translations,
  MODE_NOTE_MAX,
} from '../../shared/model.ts';
import { translationLanguages } from '../../shared/translations.ts';
import { TranslationFields } from '../lib/translation-fields.tsx';
import { DEFAULT_STRATEGY, MODE_CATALOGUE, SHELTER_HAZARD_TEXT, SHELTER_STRATEGY_TEXT, announcementFor, modeWordingFor } from '../../shared/modes.ts';
import type { ModeWordings } from '../../shared/mode-texts.ts';
import { api, call } from '../lib/api-client.ts';
import { RenewIfEnded } from '../lib/session-notice.tsx';
import { useApiAction } from '../lib/use-api-action.ts';
import { ModeIcon } from './mode-icon.tsx';
import { ScopePicker } from './scope-picker.tsx';
import { scopeName } from './scope-names.ts';
import { defaultDestinationFor } from '../../shared/site-settings.ts';
import { ModalDialog } from '../lib/modal-dialog.tsx';

const OTHER = '__other__';

function buildRequest(
  mode: EmergencyModeId,
  scope: Scope,
  drill: boolean,
  destination: string,
  hazard: ShelterHazard | null,
  strategy: ShelterStrategy | null,
): ModeRequest | null {
  switch (mode) {
    case 'evacuate':
      return destination.trim() === '' ? null : { mode, scope, drill, destination: destination.trim() };
    case 'shelter':
      return hazard === null ? null : { mode, scope, drill, hazard, strategy: strategy ?? DEFAULT_STRATEGY[hazard] };
    default:
      return { mode, scope, drill };
  }
}

/** The PA script for the mode as chosen so far; a destination or hazard not chosen yet reads "…". */
function paScript(mode: EmergencyModeId, request: ModeRequest | null, wordings: ModeWordings): string {
  if (request) return announcementFor({ ...request, seq: 1, startedAt: new Date(0).toISOString(), by: '' } as ActiveMode, 'en', wordings);
  return modeWordingFor(mode, 'en', wordings).announcement.replace(/\{(destination|hazard|strategy)\}/g, '…');
}

export function StartModeDialog(props: { mode: EmergencyModeId; site: Site; wordings: ModeWordings; onClose: () => void; onStarted: (seq: number) => void }) {
  const { mode, site } = props;
  const definition = MODE_CATALOGUE[mode];
  const [scope, setScope] = useState<Scope>({ kind: 'site' });
  const [drill, setDrill] = useState<boolean | null>(null);
  // Until the office picks one, Evacuate offers the scope's default destination (set per building on the Site page).
  const [pickedDestination, setDestinationChoice] = useState<string | null>(null);
  const destinationChoice = pickedDestination ?? defaultDestinationFor(scope, site) ?? '';
  const [otherDestination, setOtherDestination] = useState('');
  const [hazard, setHazard] = useState<ShelterHazard | null>(null);
  const [strategy, setStrategy] = useState<ShelterStrategy | null>(null);
  const { busy, error, run } = useApiAction();

  const destination =
    destinationChoice === OTHER ? otherDestination : (site.destinations.find((d) => d.id === destinationChoice)?.name ?? '');
  const [note, setNote] = useState('');
  // The note as the office also writes it for the school's screens in other languages (Spanish screens show it).
  const [noteTranslations, setNoteTranslations] = useState<Translations | undefined>(undefined);
  const built = drill === null ? null : buildRequest(mode, scope, drill, destination, hazard, strategy);
  const request = built && note.trim() !== '' ? { ...built, note: note.trim(), ...(noteTranslations ? { noteTranslations } : {}) } : built;
  const label = `Start ${definition.text.en.name.toUpperCase()}${drill === null ? '' : drill ? ' DRILL' : ' (REAL)'}: ${scopeName(scope, site)}`;

  const confirm = async () => {
    if (!request) return;
    const body = await run(() => call(api.modes.$post({ json: request })));
    if (body) props.onStarted(body.seq);
  };

  return (
    <ModalDialog labelledBy="start-title" test="confirm-panel" busy={busy} onClose={props.onClose} style={{ '--mode-color': definition.color }}>
      <header class="dialog-header">
        <ModeIcon mode={mode} size={48} />
        <div>
          <h2 id="start-title">{definition.text.en.name}</h2>
          {/* The office's PA script, filled in as the choices are made. */}
          <p data-test="start-pa-script">On the PA: “{paScript(mode, request, props.wordings)}”</p>
        </div>
      </header>

      <fieldset>
        <legend>Where</legend>
        <ScopePicker site={site} value={scope} onChange={setScope} />
      </fieldset>

      <fieldset>
        <legend>Drill or real event?</legend>
        <div class="choice-row">
          <button type="button" class={`choice drill-choice ${drill === true ? 'chosen' : ''}`} aria-pressed={drill === true} data-test="choose-drill" onClick={() => setDrill(true)}>
            Drill
            <small>Screens show DRILL throughout</small>
          </button>
          <button type="button" class={`choice real-choice ${drill === false ? 'chosen' : ''}`} aria-pressed={drill === false} data-test="choose-real" onClick={() => setDrill(false)}>
            Real event
            <small>Not a drill</small>
          </button>
        </div>
      </fieldset>

      {/* A legend names only its group: each field below has a name of its own for screen readers. */}
      {mode === 'evacuate' && (
        <fieldset>
          <legend>Evacuate to</legend>
          <select data-test="destination" aria-label="Destination" value={destinationChoice} onChange={(e) => setDestinationChoice(e.currentTarget.value)}>
            <option value="">Choose a destination…</option>
            {site.destinations.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
            <option value={OTHER}>Another place…</option>
          </select>
          {destinationChoice === OTHER && (
            <input data-test="destination-other" aria-label="Another destination" maxLength={120} placeholder="Where to" value={otherDestination} onInput={(e) => setOtherDestination(e.currentTarget.value)} />
          )}
        </fieldset>
      )}

      {mode === 'shelter' && (
        <fieldset>
          <legend>Hazard and strategy</legend>
          <select
            data-test="hazard"
            aria-label="Hazard"
            value={hazard ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value as ShelterHazard | '';
              setHazard(value === '' ? null : value);
              setStrategy(value === '' ? null : DEFAULT_STRATEGY[value]);
            }}
          >
            <option value="">Choose the hazard…</option>
            {SHELTER_HAZARDS.map((h) => (
              <option key={h} value={h}>
                {SHELTER_HAZARD_TEXT[h].en}
              </option>
            ))}
          </select>
          <select data-test="strategy" aria-label="Safety strategy" value={strategy ?? ''} disabled={hazard === null} onChange={(e) => setStrategy(e.currentTarget.value as ShelterStrategy)}>
            {SHELTER_STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {SHELTER_STRATEGY_TEXT[s].en}
              </option>
            ))}
          </select>
        </fieldset>
      )}

      <fieldset>
        <legend>
          Note for the screens <span class="muted">(optional)</span>
        </legend>
        <input
          data-test="mode-note"
          aria-label="Note for the screens"
          maxLength={MODE_NOTE_MAX}
          placeholder="e.g. Medical emergency in the gym, keep the halls clear"
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <small class="muted">{MODE_NOTE_MAX - note.length} characters left. Shown on every screen in scope, and in the drill report.</small>
        <TranslationFields
          languages={translationLanguages(site)}
          what="Note"
          translations={noteTranslations}
          maxLength={MODE_NOTE_MAX}
          disabled={note.trim() === ''}
          test="mode-note-translation"
          class="note-translation"
          onChange={setNoteTranslations}
        />
      </fieldset>

      {error && (
        <p class="error" role="alert" data-test="start-error">
          {error}
        </p>
      )}
      <RenewIfEnded />

      <footer class="dialog-actions">
        <button type="button" class="secondary" data-test="cancel-start" onClick={props.onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" class="confirm" data-test="confirm-start" disabled={request === null || busy} onClick={confirm}>
          {busy ? 'Starting…' : label}
        </button>
      </footer>
    </ModalDialog>
  );
}
