// At one screen of a readiness sweep: which screen the code named (to match the name on the wall), what it must show,
// a button that makes it sound its test tone, and the checks to confirm, or to mark as not right with a note.
import { useState } from 'preact/hooks';
import { MODE_CATALOGUE } from '../../../shared/modes.ts';
import { SWEEP_CHECKS, type SweepCheckId } from '../../../shared/sweep.ts';
import { api, call } from '../../lib/api-client.ts';
import { useApiAction } from '../../lib/use-api-action.ts';
import type { SweptScreen } from './sweep-types.ts';

/** "Up on its map is straight ahead of you": what a heads-up map looks like to someone facing the screen. */
const FACING_HINT = 'Face the screen: the way you look (through the wall) is up on its map, and “You are here” is where you stand.';

/** What the manager should see or hear for each check, from what the hub knows of the screen. */
function checkDetail(id: SweepCheckId, swept: SweptScreen): string | null {
  switch (id) {
    case 'visible':
      return swept.online ? null : 'The hub has no contact with this screen now: is it on, and on the network?';
    case 'map-facing':
      return swept.facingDegrees === null ? 'It is not placed on a floor plan, so it shows no map: place it in Floor plans.' : FACING_HINT;
    case 'nearest-exit':
      return 'name' in swept.nearestExit ? null : swept.nearestExit.problem;
    case 'sound':
      if (!swept.soundOn) return 'It is set to stay silent (Screens: Unmute), so it sounds no tones.';
      if (swept.sound === 'blocked') return 'Its browser blocks sound: the kiosk must allow autoplay (or touch the screen once).';
      if (swept.sound === 'unavailable') return 'Its browser cannot play sound.';
      return null;
  }
}

export function SweepChecklist(props: { swept: SweptScreen; onRecorded: (words: string) => void; onCancel: () => void }) {
  const { swept } = props;
  const [failed, setFailed] = useState<SweepCheckId[]>([]);
  const [note, setNote] = useState('');
  const [toneSent, setToneSent] = useState(false);
  const tone = useApiAction();
  const save = useApiAction();
  const param = { param: { code: swept.code } };
  const inMode = swept.mode !== 'normal';

  const toggle = (id: SweepCheckId, wrong: boolean) => setFailed((now) => (wrong ? [...now.filter((f) => f !== id), id] : now.filter((f) => f !== id)));
  const playTone = async () => {
    setToneSent(false);
    if (await tone.run(() => call(api.sweeps.codes[':code']['test-tone'].$post(param)))) setToneSent(true);
  };
  const record = async (event: Event) => {
    event.preventDefault();
    const ordered = SWEEP_CHECKS.map((c) => c.id).filter((id) => failed.includes(id));
    const body = await save.run(() => call(api.sweeps.codes[':code'].finding.$put({ ...param, json: { failed: ordered, note } })));
    if (body) props.onRecorded(`${swept.screen.name}: ${ordered.length === 0 ? 'OK' : 'problem recorded'}`);
  };

  return (
    <form class="sweep-checklist" onSubmit={record} data-test="sweep-checklist" data-screen={swept.screen.id}>
      <h3>
        <span class="sweep-code-badge">{swept.code}</span> {swept.screen.name}
      </h3>
      <p class="muted">
        {swept.screen.location ? `${swept.screen.location} · ` : ''}
        {swept.screen.buildingName}, {swept.screen.floorName}
      </p>
      {inMode && (
        <p class="banner-warning" role="status">
          It shows {MODE_CATALOGUE[swept.mode].text.en.name} now: check it after the All Clear.
        </p>
      )}
      {swept.last && (
        <p class="muted" data-test="sweep-last">
          Last checked by {swept.last.by}: {swept.last.failed.length === 0 ? 'OK' : `problem${swept.last.note ? `: ${swept.last.note}` : ''}`}
        </p>
      )}
      <ul class="sweep-checks">
        {SWEEP_CHECKS.map((check) => {
          const wrong = failed.includes(check.id);
          const detail = checkDetail(check.id, swept);
          return (
            <li key={check.id} class={wrong ? 'wrong' : ''}>
              <div class="sweep-check-text">
                <strong>{check.label}</strong>
                {check.id === 'nearest-exit' && 'name' in swept.nearestExit && (
                  <span data-test="sweep-exit">
                    It should show <b>{swept.nearestExit.name}</b> ({swept.nearestExit.floorName}, {swept.nearestExit.distance}).
                  </span>
                )}
                {detail && <span class={check.id === 'map-facing' && swept.facingDegrees !== null ? 'muted' : 'bad'}>{detail}</span>}
                {check.id === 'sound' && (
                  <span class="sweep-tone">
                    <button type="button" class="secondary" disabled={tone.busy || inMode || !swept.soundOn} onClick={playTone} data-test="sweep-test-tone">
                      Play its test tone
                    </button>
                    {toneSent && <span role="status">Sent: listen for a two-note chime from this screen.</span>}
                    {tone.error && (
                      <span class="bad" role="alert">
                        {tone.error}
                      </span>
                    )}
                  </span>
                )}
              </div>
              <label class="sweep-wrong">
                <input type="checkbox" checked={wrong} onChange={(e) => toggle(check.id, e.currentTarget.checked)} data-test={`sweep-wrong-${check.id}`} />
                Not right
              </label>
            </li>
          );
        })}
      </ul>
      <label class="sweep-note">
        {failed.length > 0 ? 'What is wrong (for whoever fixes it)' : 'Note (optional)'}
        <textarea rows={3} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} data-test="sweep-note" />
      </label>
      <div class="sweep-actions">
        <button type="submit" class={failed.length > 0 ? 'problem-button' : 'primary'} disabled={save.busy} data-test="sweep-record">
          {failed.length > 0 ? `Record the problem${failed.length > 1 ? 's' : ''}` : 'All fine: confirm'}
        </button>
        <button type="button" class="link-button" onClick={props.onCancel}>
          Another code
        </button>
      </div>
      {save.error && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
    </form>
  );
}
