// Editing one slide of the draft: its title and what it says (by kind), how long it stays up, where and when it
// shows. Every change goes straight into the draft; nothing reaches a screen before "Publish to screens".
import { useEffect, useState } from 'preact/hooks';
import type { Slide } from '../../shared/content.ts';
import type { DocumentRecord } from '../../shared/documents.ts';
import { EMERGENCY_MODES, type Site } from '../../shared/model.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { ScheduleFields } from './schedule-fields.tsx';
import { TargetPicker } from './target-picker.tsx';

type BellRow = Extract<Slide, { kind: 'bell-schedule' }>['rows'][number];

function BellRows(props: { rows: BellRow[]; onChange: (rows: BellRow[]) => void }) {
  const { rows } = props;
  const setRow = (index: number, patch: Partial<BellRow>) => props.onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset class="bell-rows">
      <legend>Periods</legend>
      {rows.map((row, index) => (
        <div class="bell-row" key={index}>
          <input data-test={`bell-label-${index}`} aria-label={`Period ${index + 1}`} placeholder="Period 1" value={row.label} maxLength={200} onInput={(e) => setRow(index, { label: e.currentTarget.value })} />
          <input type="time" data-test={`bell-time-${index}`} aria-label={`Period ${index + 1} starts`} value={row.time} onInput={(e) => setRow(index, { time: e.currentTarget.value })} />
          <button type="button" class="link-button" data-test={`bell-remove-${index}`} disabled={rows.length === 1} onClick={() => props.onChange(rows.filter((_, i) => i !== index))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" data-test="bell-add-row" disabled={rows.length >= 20} onClick={() => props.onChange([...rows, { label: '', time: '' }])}>
        Add a period
      </button>
    </fieldset>
  );
}

export function SlideForm(props: { site: Site; slide: Slide; fresh: boolean; onChange: (slide: Slide) => void; onDone: () => void }) {
  const { slide, site } = props;
  // The kind never changes here, so spreading keeps the union intact.
  const set = (patch: Partial<Slide>) => props.onChange({ ...slide, ...patch } as Slide);

  return (
    <div class="slide-form" data-test="slide-form">
      <label>
        Title
        <input data-test="slide-title" value={slide.title} maxLength={120} onInput={(e) => set({ title: e.currentTarget.value })} />
      </label>
      <p class="muted id-line">
        id {slide.id}
        {props.fresh ? ' (from the title; fixed once published)' : ''}
      </p>
      {slide.kind === 'announcement' && (
        <label>
          Text (a blank line starts a new paragraph; **two stars** around words make them bold)
          <textarea data-test="slide-text" rows={6} value={slide.text} maxLength={2000} onInput={(e) => props.onChange({ ...slide, text: e.currentTarget.value })} />
        </label>
      )}
      {slide.kind === 'image' && <ImageFields slide={slide} onChange={props.onChange} />}
      {slide.kind === 'floor-map' && (
        <label>
          Floor
          <select data-test="slide-floor" value={slide.floorId} onChange={(e) => props.onChange({ ...slide, floorId: e.currentTarget.value })}>
            <option value="" disabled>
              Choose…
            </option>
            {props.site.buildings.flatMap((b) =>
              b.floors.map((f) => (
                <option key={f.id} value={f.id}>
                  {b.name}: {f.name}
                </option>
              )),
            )}
          </select>
          <span class="muted">Only screens in that building can show it: target them (the building, or its zones).</span>
        </label>
      )}
      {slide.kind === 'bell-schedule' && <BellRows rows={slide.rows} onChange={(rows) => props.onChange({ ...slide, rows })} />}
      {slide.kind === 'drill-instructions' && (
        <label>
          Instructions for
          <select data-test="slide-mode" value={slide.mode} onChange={(e) => props.onChange({ ...slide, mode: e.currentTarget.value as typeof slide.mode })}>
            {EMERGENCY_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_CATALOGUE[m].text.en.name}
              </option>
            ))}
          </select>
          <span class="muted">Screens show the steps in the school’s wording (Mode instructions).</span>
        </label>
      )}
      <label class="duration">
        Seconds on screen each time (5–300)
        <input type="number" data-test="slide-duration" min={5} max={300} value={slide.durationSeconds} onInput={(e) => set({ durationSeconds: e.currentTarget.valueAsNumber })} />
      </label>
      <TargetPicker site={site} targets={slide.targets} onChange={(targets) => set({ targets })} />
      <ScheduleFields schedule={slide.schedule} timeZone={site.timeZone} onChange={(schedule) => set({ schedule })} />
      <div class="form-actions">
        <button type="button" class="primary" data-test="slide-done" onClick={props.onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

/** A picture from the documents library (upload it under Documents first), and its caption. */
function ImageFields(props: { slide: Extract<Slide, { kind: 'image' }>; onChange: (slide: Slide) => void }) {
  const { slide } = props;
  const [images, setImages] = useState<DocumentRecord[] | null>(null);
  const load = useApiAction();
  useEffect(() => {
    void load.run(() => call(api.documents.$get())).then((body) => body && setImages(body.documents.filter((d) => d.contentType.startsWith('image/'))));
  }, []);
  return (
    <>
      <label>
        Picture
        <select data-test="slide-image" value={slide.documentId} onChange={(e) => props.onChange({ ...slide, documentId: e.currentTarget.value })}>
          <option value="" disabled>
            {images === null ? 'Loading the documents…' : images.length === 0 ? 'No pictures yet: upload one under Documents' : 'Choose…'}
          </option>
          {images?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </label>
      {load.error && <p class="error">{load.error}</p>}
      <label>
        Caption (optional)
        <input data-test="slide-caption" value={slide.caption} maxLength={200} onInput={(e) => props.onChange({ ...slide, caption: e.currentTarget.value })} />
      </label>
    </>
  );
}
