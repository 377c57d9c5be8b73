// Mode instructions: the school's own wording of each mode's directive and steps, per language, with a preview
// of the takeover exactly as a screen shows it (the screen's own element, in a frame the size of a screen).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ModeWordingSchema, type ModeWording, type ModeWordings } from '../../shared/mode-texts.ts';
import { EMERGENCY_MODES, type ActiveMode, type EmergencyModeId, type Language } from '../../shared/model.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';

interface Draft {
  directive: string;
  announcement: string;
  students: string;
  staff: string;
}

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish' };
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
/** `fallback`: the catalogue's PA script, for a school wording saved before it had one. */
const draftOf = (w: ModeWording, fallback: string): Draft => ({
  directive: w.directive,
  announcement: w.announcement ?? fallback,
  students: w.students.join('\n'),
  staff: w.staff.join('\n'),
});

/** A sample of the mode as the office would start it, for the preview only. */
function sampleMode(mode: EmergencyModeId): ActiveMode {
  const base = { scope: { kind: 'site' as const }, drill: false, seq: 1, startedAt: new Date().toISOString(), by: 'preview' };
  if (mode === 'evacuate') return { ...base, mode, destination: 'North athletic field' };
  if (mode === 'shelter') return { ...base, mode, hazard: 'tornado', strategy: 'shelter-area' };
  return { ...base, mode };
}

export function ModeWordingsPage() {
  const [wordings, setWordings] = useState<ModeWordings | null>(null);
  const [mode, setMode] = useState<EmergencyModeId>('lockdown');
  const [language, setLanguage] = useState<Language>('en');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const load = useApiAction();
  const save = useApiAction();
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    void load.run(() => call(api['mode-wordings'].$get())).then((body) => body && setWordings(body.wordings));
  }, []);
  // A different mode or language starts from what screens show now for it.
  useEffect(() => {
    if (!wordings) return;
    const catalogue = MODE_CATALOGUE[mode].text[language];
    setDraft(draftOf(wordings[mode]?.[language] ?? catalogue, catalogue.announcement));
    setSaved(null);
  }, [wordings, mode, language]);

  const wording: ModeWording | null = draft
    ? { directive: draft.directive.trim(), announcement: draft.announcement.trim(), students: lines(draft.students), staff: lines(draft.staff) }
    : null;
  const problems = wording ? ModeWordingSchema.safeParse(wording) : null;
  const custom = wordings?.[mode]?.[language] !== undefined;

  // The preview redraws on every keystroke; it says when it is ready for the first one.
  useEffect(() => {
    const post = () => {
      if (!wording) return;
      frame.current?.contentWindow?.postMessage(
        { active: sampleMode(mode), language, wordings: { [mode]: { [language]: wording } }, location: '1st floor, east hallway by room 104' },
        window.location.origin,
      );
    };
    post();
    const onReady = (event: MessageEvent) => {
      if (event.origin === window.location.origin && (event.data as { type?: string } | null)?.type === 'preview-ready') post();
    };
    window.addEventListener('message', onReady);
    return () => window.removeEventListener('message', onReady);
  }, [draft, mode, language]);

  if (!wordings || !draft) return <p class={load.error ? 'error' : 'muted'}>{load.error ?? 'Loading…'}</p>;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!wording || !problems?.success) return;
    const body = await save.run(() => call(api['mode-wordings'][':mode'][':language'].$put({ param: { mode, language }, json: wording })));
    if (body) {
      setWordings(body.wordings);
      setSaved('Saved: every screen shows this wording from now on, offline too.');
    }
  };
  const restore = async () => {
    if (!window.confirm(`Go back to Muster's built-in wording of ${MODE_CATALOGUE[mode].text.en.name} in ${LANGUAGE_NAMES[language]}?`)) return;
    const body = await save.run(() => call(api['mode-wordings'][':mode'][':language'].$delete({ param: { mode, language } })));
    if (body) {
      setWordings(body.wordings);
      setSaved('Back to the built-in wording.');
    }
  };

  return (
    <div class="wordings">
      <form class="wordings-form" data-test="wordings-form" onSubmit={submit}>
        <div class="wordings-pick">
          <label>
            Mode
            <select data-test="wordings-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as EmergencyModeId)}>
              {EMERGENCY_MODES.map((m) => (
                <option key={m} value={m}>
                  {MODE_CATALOGUE[m].text.en.name}
                  {wordings[m] ? ' (school wording)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            Language
            <select data-test="wordings-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
              {(['en', 'es'] as const).map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p class="muted">
          The name stays <strong>{MODE_CATALOGUE[mode].text[language].name}</strong>, as staff are trained. {custom ? 'This is the school’s wording.' : 'This is Muster’s built-in wording.'}
        </p>
        <label>
          What screens tell people to do now (one line, read from across a hallway)
          <input data-test="wordings-directive" value={draft.directive} maxLength={160} onInput={(e) => setDraft({ ...draft, directive: e.currentTarget.value })} />
        </label>
        <label>
          What the office says on the PA (shown in the office console; {'{destination}'}, {'{hazard}'} and {'{strategy}'} are filled in)
          <input data-test="wordings-announcement" value={draft.announcement} maxLength={200} onInput={(e) => setDraft({ ...draft, announcement: e.currentTarget.value })} />
        </label>
        <label>
          Steps for students and visitors (one per line)
          <textarea data-test="wordings-students" rows={5} value={draft.students} onInput={(e) => setDraft({ ...draft, students: e.currentTarget.value })} />
        </label>
        <label>
          Steps for staff (one per line)
          <textarea data-test="wordings-staff" rows={7} value={draft.staff} onInput={(e) => setDraft({ ...draft, staff: e.currentTarget.value })} />
        </label>
        {problems && !problems.success && (
          <p class="error" role="alert" data-test="wordings-problem">
            {problems.error.issues.map((i) => `${i.path.join(' ')}: ${i.message}`).join('; ')}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="primary" data-test="wordings-save" disabled={save.busy || !problems?.success}>
            Save for every screen
          </button>
          <button type="button" data-test="wordings-restore" disabled={save.busy || !custom} onClick={restore}>
            Restore the built-in wording
          </button>
        </div>
        {save.error && (
          <p class="error" role="alert">
            {save.error}
          </p>
        )}
        {saved && (
          <p class="ok" role="status" data-test="wordings-saved">
            {saved}
          </p>
        )}
      </form>
      <figure class="wordings-preview">
        <div class="preview-frame">
          <iframe ref={frame} src="/screen/?preview" title="Preview of the takeover" data-test="wordings-preview" width={1280} height={720} tabIndex={-1} />
        </div>
        <figcaption class="muted">As a 1280 × 720 screen shows it (not a drill, with a sample location).</figcaption>
      </figure>
    </div>
  );
}
