// Normal-mode content (admins): the slides screens rotate through, in order, with where and when each shows.
// Changes stay a local draft until "Publish to screens" sends the whole list as the next revision.
import { useEffect, useState } from 'preact/hooks';
import { SLIDE_KINDS, activeSlides, targetsScreen, type Slide } from '../../shared/content.ts';
import type { Site } from '../../shared/model.ts';
import { DraftBar, clockTime } from './draft-bar.tsx';
import { ScreenPreviewPanel } from './screen-preview-panel.tsx';
import { SlideRow } from './slide-row.tsx';
import { SLIDE_KIND_NAMES } from './slide-words.ts';
import { useContentDraft, type ContentDraft } from './use-content-draft.ts';

function PublishBar(props: { content: ContentDraft; now: Date }) {
  const { content } = props;
  const live = activeSlides(content.published, props.now, content.site!.timeZone).length;
  return (
    <DraftBar
      class="content-bar"
      dirty={content.dirty}
      busy={content.busy}
      conflict={content.conflict}
      error={content.error}
      problemCount={content.problems.size}
      info={
        <span class="muted" data-test="content-revision">
          Revision {content.revision} · {live} of {content.published.length} published slides showing now
        </span>
      }
      words={{
        unsaved: 'Unpublished changes',
        saved: content.publishedAt ? `Published at ${clockTime(content.publishedAt)}: screens show it now` : 'Screens show this list',
        fixFirst: (n) => `Fix ${n === 1 ? 'the slide' : `the ${n} slides`} marked below before publishing.`,
        save: 'Publish to screens',
        saving: 'Publishing…',
        conflict: 'Someone else published content after you opened this page, so your changes were not published.',
        confirmDiscard: 'Throw away your unpublished changes and load the slides screens show now?',
      }}
      tests={{
        unsaved: 'content-unpublished',
        saved: 'content-published',
        discard: 'content-discard',
        save: 'publish-content',
        conflict: 'content-conflict',
        reload: 'content-reload',
        error: 'content-error',
      }}
      onSave={() => void content.publish()}
      onReload={() => void content.reload()}
    />
  );
}

export function ContentPage() {
  const content = useContentDraft();
  const [kind, setKind] = useState<Slide['kind'] | ''>('');
  const [editing, setEditing] = useState<number | null>(null);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  // Leaving the console with a draft would lose it without a word.
  useEffect(() => {
    if (!content.dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [content.dirty]);

  if (!content.site) return <p class={content.loadError ? 'error' : 'muted'}>{content.loadError ?? 'Loading the slides…'}</p>;
  const site = content.site;

  const add = (event: Event) => {
    event.preventDefault();
    if (!kind) return;
    setEditing(content.add(kind));
    setKind('');
  };

  return (
    <div class="content-page" data-test="content-page">
      <PublishBar content={content} now={now} />
      <form class="content-add" onSubmit={add}>
        <label>
          New slide
          <select data-test="content-add-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Slide['kind'] | '')}>
            <option value="" disabled>
              Choose a kind…
            </option>
            {SLIDE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SLIDE_KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-test="content-add" disabled={!kind}>
          Add
        </button>
      </form>
      <DraftPreview site={site} slides={content.items.filter((i) => !content.problems.has(i.key)).map((i) => i.slide)} />
      {content.items.length === 0 ? (
        <p class="muted" data-test="content-empty">
          No slides yet. Add one, then publish it to the screens.
        </p>
      ) : (
        <ol class="slide-list" data-test="slide-list">
          {content.items.map((item, index) => (
            <SlideRow
              key={item.key}
              site={site}
              slide={item.slide}
              fresh={item.fresh}
              position={index}
              count={content.items.length}
              problems={content.problems.get(item.key)}
              editing={editing === item.key}
              now={now}
              onEdit={(open) => setEditing(open ? item.key : null)}
              onChange={(slide) => content.update(item.key, slide)}
              onMove={(by) => content.move(item.key, by)}
              onRemove={() => content.remove(item.key)}
            />
          ))}
        </ol>
      )}
    </div>
  );
}

/** See the draft on any screen before publishing: the slides without problems, as that screen would rotate them. */
function DraftPreview(props: { site: Site; slides: Slide[] }) {
  const [screenId, setScreenId] = useState('');
  const screen = props.site.screens.find((s) => s.id === screenId);
  // Only this screen's slides travel to the preview.
  const slides = screen ? props.slides.filter((slide) => targetsScreen(slide, screen)) : [];
  return (
    <div class="draft-preview">
      <label>
        Preview on a screen
        <select data-test="content-preview-screen" value={screenId} onChange={(e) => setScreenId(e.currentTarget.value)}>
          <option value="">No preview</option>
          {props.site.screens.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {screen && <ScreenPreviewPanel screenId={screen.id} screenName={screen.name} slides={slides} onClose={() => setScreenId('')} />}
    </div>
  );
}
