// Tones: which tone screens sound when each mode starts and when the All Clear comes (or none), with a Play button to
// hear each here, as screens synthesise it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { TONE_IDS, TONE_NAMES, type ModeTones, type ToneChoice } from '../../shared/mode-tones.ts';
import { EMERGENCY_MODES } from '../../shared/model.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { TonePlayer } from '../screen/screen-tones.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';

const ROWS: { key: keyof ModeTones; name: string }[] = [
  ...EMERGENCY_MODES.map((mode) => ({ key: mode, name: `${MODE_CATALOGUE[mode].text.en.name} starts` })),
  { key: 'allClear', name: 'All Clear' },
];

export function ModeTonesForm() {
  const [saved, setSaved] = useState<ModeTones | null>(null);
  const [draft, setDraft] = useState<ModeTones | null>(null);
  const [done, setDone] = useState(false);
  const load = useApiAction();
  const save = useApiAction();
  const player = useRef<TonePlayer | null>(null);

  useEffect(() => {
    void load.run(() => call(api['mode-tones'].$get())).then((body) => {
      if (!body) return;
      setSaved(body.tones);
      setDraft(body.tones);
    });
    return () => player.current?.close();
  }, []);

  if (!draft || !saved) return <p class={load.error ? 'error' : 'muted'}>{load.error ?? 'Loading…'}</p>;

  // A click is a user gesture: the browser lets this page's audio start.
  const play = async (tone: ToneChoice) => {
    if (tone === 'none') return;
    player.current ??= new TonePlayer();
    player.current.open();
    await player.current.resume();
    player.current.play(tone);
  };
  const changed = ROWS.some(({ key }) => draft[key] !== saved[key]);
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = await save.run(() => call(api['mode-tones'].$put({ json: draft })));
    if (!body) return;
    setSaved(body.tones);
    setDraft(body.tones);
    setDone(true);
  };

  return (
    <form class="tones-form" data-test="tones-form" onSubmit={submit}>
      <h3>Tones</h3>
      <p class="muted">
        Screens sound a tone once when a mode starts (drills too: a drill rehearses the real thing) and once at the All Clear. A screen that must stay
        silent, such as a library’s, is muted under Screens.
      </p>
      <table class="tones">
        <tbody>
          {ROWS.map(({ key, name }) => (
            <tr key={key}>
              <th scope="row">
                <label for={`tone-${key}`}>{name}</label>
              </th>
              <td>
                <select
                  id={`tone-${key}`}
                  data-test={`tone-${key}`}
                  value={draft[key]}
                  onChange={(e) => {
                    setDone(false);
                    setDraft({ ...draft, [key]: e.currentTarget.value as ToneChoice });
                  }}
                >
                  {TONE_IDS.map((tone) => (
                    <option key={tone} value={tone}>
                      {TONE_NAMES[tone]}
                    </option>
                  ))}
                  <option value="none">None: silent</option>
                </select>
              </td>
              <td>
                <button type="button" data-test={`play-${key}`} disabled={draft[key] === 'none'} aria-label={`Play the tone for ${name}`} onClick={() => play(draft[key])}>
                  Play
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="form-actions">
        <button type="submit" class="primary" data-test="tones-save" disabled={save.busy || !changed}>
          Save for every screen
        </button>
      </div>
      {save.error && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
      {done && (
        <p class="ok" role="status" data-test="tones-saved">
          Saved: screens sound these tones from now on, offline too.
        </p>
      )}
    </form>
  );
}
