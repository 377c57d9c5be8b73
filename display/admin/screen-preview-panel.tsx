// "What does this screen show?": any screen as it is now, or in any mode, drawn by the screen's own elements
// in a frame the size of a screen (/screen/?preview), from what the hub holds for it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { EMERGENCY_MODES } from '../../shared/model.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import type { Slide } from '../../shared/content.ts';
import type { PreviewMode } from '../../shared/screen-preview.ts';

/** `slides`: unpublished slides to preview instead of the published ones (the content editor's draft). */
export function ScreenPreviewPanel(props: { screenId: string; screenName: string; slides?: readonly Slide[]; onClose: () => void }) {
  const [mode, setMode] = useState<PreviewMode>('now');
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const post = () => frame.current?.contentWindow?.postMessage({ screenId: props.screenId, mode, slides: props.slides }, window.location.origin);
    post();
    const onReady = (event: MessageEvent) => {
      if (event.origin === window.location.origin && (event.data as { type?: string } | null)?.type === 'preview-ready') post();
    };
    window.addEventListener('message', onReady);
    return () => window.removeEventListener('message', onReady);
    // The draft is rebuilt on every render of the editor: redraw only when its content changed.
  }, [props.screenId, mode, JSON.stringify(props.slides ?? null)]);
  return (
    <section class="screen-preview" data-test="screen-preview" aria-label={`Preview of ${props.screenName}`}>
      <header class="screen-preview-bar">
        <strong>{props.screenName}</strong>
        <label>
          Show
          <select data-test="preview-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as PreviewMode)}>
            <option value="now">What it shows now</option>
            {EMERGENCY_MODES.map((m) => (
              <option key={m} value={m}>
                In {MODE_CATALOGUE[m].text.en.name.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="link-button" onClick={props.onClose}>
          Close
        </button>
      </header>
      <div class="preview-frame">
        <iframe ref={frame} src="/screen/?preview" title={`Preview of ${props.screenName}`} data-test="screen-preview-frame" width={1280} height={720} tabIndex={-1} />
      </div>
      <p class="muted">
        Drawn as this screen draws it, from what the hub holds now (floor plans, wording) and {props.slides ? 'these unpublished slides' : 'the published content'}. Slides
        rotate by the clock, as on the screen.
      </p>
    </section>
  );
}
