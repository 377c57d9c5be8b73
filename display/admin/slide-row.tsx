// One slide in the content list: what it is, where and when it shows, whether its schedule is on right now at the
// school, what is wrong with it, and the buttons to move, edit or remove it.
import { useState } from 'preact/hooks';
import { scheduleIsOn, type Slide } from '../../shared/content.ts';
import type { Site } from '../../shared/model.ts';
import { SlideForm } from './slide-form.tsx';
import { SLIDE_KIND_NAMES, scheduleInWords, targetsInWords } from './slide-words.ts';

/** The schedule can be half-typed in a draft; a schedule that does not parse is simply not on. */
function onNow(slide: Slide, now: Date, timeZone: string): boolean {
  try {
    return scheduleIsOn(slide.schedule, now, timeZone);
  } catch {
    return false;
  }
}

export function SlideRow(props: {
  site: Site;
  slide: Slide;
  fresh: boolean;
  position: number;
  count: number;
  problems: string[] | undefined;
  editing: boolean;
  now: Date;
  onEdit: (editing: boolean) => void;
  onChange: (slide: Slide) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { slide, site } = props;
  const [confirming, setConfirming] = useState(false);
  const showing = onNow(slide, props.now, site.timeZone);
  const name = slide.title.trim() || '(no title yet)';

  return (
    <li class={`slide-row${props.problems ? ' has-problems' : ''}`} data-test="slide-row" data-slide-id={slide.id}>
      <div class="slide-summary">
        <span class="slide-position">{props.position + 1}</span>
        <div class="slide-facts">
          <strong data-test="slide-row-title">{name}</strong> <span class="muted">· {SLIDE_KIND_NAMES[slide.kind]}</span>
          <div class="muted" data-test="slide-row-targets">
            {targetsInWords(slide.targets, site)} · {scheduleInWords(slide.schedule)} · {slide.durationSeconds} s
          </div>
        </div>
        <span class={`status-chip ${showing ? 'saved' : ''}`} data-test="slide-showing" title="By its schedule, at the school’s time now">
          {showing ? 'Showing now' : 'Not showing now'}
        </span>
        {!confirming ? (
          <span class="row-actions">
            <button type="button" data-test="slide-up" aria-label={`Move “${name}” up`} disabled={props.position === 0} onClick={() => props.onMove(-1)}>
              ↑
            </button>
            <button type="button" data-test="slide-down" aria-label={`Move “${name}” down`} disabled={props.position === props.count - 1} onClick={() => props.onMove(1)}>
              ↓
            </button>
            <button type="button" data-test="slide-edit" onClick={() => props.onEdit(!props.editing)}>
              {props.editing ? 'Close' : 'Edit'}
            </button>
            <button type="button" class="secondary danger" data-test="slide-remove" onClick={() => setConfirming(true)}>
              Remove
            </button>
          </span>
        ) : (
          <span class="row-actions" role="group" aria-label="Confirm removal">
            Remove “{name}”?
            <button type="button" class="secondary danger" data-test="slide-remove-confirm" onClick={props.onRemove}>
              Remove
            </button>
            <button type="button" data-test="slide-remove-cancel" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        )}
      </div>
      {props.problems && (
        // The alert wraps the list: a role on the <ul> itself would take away its list semantics.
        <div role="alert">
          <ul class="slide-problems" data-test="slide-problems">
            {props.problems.map((p, index) => (
              <li key={index}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {props.editing && <SlideForm site={site} slide={slide} fresh={props.fresh} onChange={props.onChange} onDone={() => props.onEdit(false)} />}
    </li>
  );
}
