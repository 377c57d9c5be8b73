// The content editor's draft: the slides as published (with their revision), the admin's local changes to them,
// and publishing the whole list from the revision it started from (a conflict means someone else published).
import { useEffect, useState } from 'preact/hooks';
import { SlideSchema, type Slide } from '../../shared/content.ts';
import { ApiFailure, api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { slideIdFor } from './slide-words.ts';
import { useSite } from '../lib/use-site.ts';

export interface DraftSlide {
  /** Stable while editing, even when a new slide's id follows its title. */
  key: number;
  slide: Slide;
  /** Not yet published: its id is still made from its title. */
  fresh: boolean;
}

let nextKey = 1;
const inOrder = (slides: readonly Slide[]) => [...slides].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
/** The list's order is the slides' order: renumbered after every change so the screens show them as listed. */
const renumbered = (items: DraftSlide[]) => items.map((item, index) => (item.slide.order === index ? item : { ...item, slide: { ...item.slide, order: index } }));
const loaded = (slides: readonly Slide[]) => renumbered(inOrder(slides).map((slide) => ({ key: nextKey++, slide, fresh: false })));

/** A new slide of a kind, for all screens, always, until the admin says otherwise. */
function blankSlide(kind: Slide['kind'], id: string): Slide {
  const common = { id, title: '', targets: [{ kind: 'all' as const }], schedule: { startDate: null, endDate: null, days: [], from: null, until: null }, order: 0, durationSeconds: 15 };
  if (kind === 'announcement') return { ...common, kind, text: '' };
  if (kind === 'bell-schedule') return { ...common, kind, rows: [{ label: '', time: '' }] };
  if (kind === 'image') return { ...common, kind, documentId: '', caption: '' };
  if (kind === 'floor-map') return { ...common, kind, floorId: '' };
  return { ...common, kind, mode: 'lockdown' };
}

const FIELD_NAMES: Record<string, string> = { title: 'Title', text: 'Text', documentId: 'Picture', caption: 'Caption', floorId: 'Floor', targets: 'Show on', durationSeconds: 'Seconds on screen', mode: 'Instructions for' };
const SCHEDULE_NAMES: Record<string, string> = { startDate: 'First day', endDate: 'Last day', days: 'Days', from: 'From', until: 'Until' };

/** Where in a slide a problem is, in the form's words: ["rows", 2, "time"] → "Period 3 time". */
function placeOf(path: readonly PropertyKey[]): string {
  const [field, index, part] = path;
  if (field === 'rows' && typeof index === 'number') return `Period ${index + 1}${part === 'label' ? ' name' : part === 'time' ? ' time' : ''}`;
  if (field === 'schedule') return typeof index === 'string' ? (SCHEDULE_NAMES[index] ?? 'When') : 'When';
  return typeof field === 'string' ? (FIELD_NAMES[field] ?? field) : '';
}

/** Each slide's problems in words ("Title: is empty"), by key; none for a slide the hub would take. */
function problemsOf(items: DraftSlide[]): Map<number, string[]> {
  const problems = new Map<number, string[]>();
  for (const item of items) {
    const parsed = SlideSchema.safeParse(item.slide);
    if (parsed.success) continue;
    problems.set(
      item.key,
      parsed.error.issues.map((issue) => {
        const where = placeOf(issue.path);
        // zod says "Too small: expected string to have >=1 characters"; staff need "is empty".
        const message = issue.code === 'too_small' && issue.origin === 'string' ? 'is empty' : issue.message;
        return where ? `${where}: ${message}` : message;
      }),
    );
  }
  return problems;
}

export function useContentDraft() {
  // The shared site view: slide targets follow a building or zone renamed on the Site page, live.
  const { site } = useSite();
  const [revision, setRevision] = useState<number | null>(null);
  const [published, setPublished] = useState<DraftSlide[]>([]);
  const [items, setItems] = useState<DraftSlide[]>([]);
  const [conflict, setConflict] = useState(false);
  const [publishedAt, setPublishedAt] = useState<number | null>(null);
  const load = useApiAction();
  const publishing = useApiAction();

  const reload = async () => {
    const contentBody = await load.run(() => call(api.content.$get()));
    if (!contentBody) return;
    const slides = loaded(contentBody.slides);
    setRevision(contentBody.revision);
    setPublished(slides);
    setItems(slides);
    setConflict(false);
    setPublishedAt(null);
  };
  useEffect(() => {
    void reload();
  }, []);

  const change = (next: DraftSlide[]) => {
    setPublishedAt(null);
    setItems(renumbered(next));
  };
  const ids = (except: number) => new Set(items.filter((i) => i.key !== except).map((i) => i.slide.id));

  const problems = problemsOf(items);
  const dirty = JSON.stringify(items.map((i) => i.slide)) !== JSON.stringify(published.map((i) => i.slide));

  return {
    site,
    revision,
    items,
    published: published.map((i) => i.slide),
    problems,
    dirty,
    conflict,
    publishedAt,
    loadError: load.error,
    busy: publishing.busy,
    error: publishing.error,
    reload,

    /** Adds a blank slide of this kind at the end; returns its key to open its form. */
    add(kind: Slide['kind']): number {
      const key = nextKey++;
      change([...items, { key, slide: blankSlide(kind, slideIdFor('', ids(key))), fresh: true }]);
      return key;
    },
    /** Replaces a slide; a new slide's id follows its title. */
    update(key: number, slide: Slide) {
      change(items.map((i) => (i.key !== key ? i : { ...i, slide: i.fresh ? { ...slide, id: slideIdFor(slide.title, ids(key)) } : slide })));
    },
    move(key: number, by: -1 | 1) {
      const from = items.findIndex((i) => i.key === key);
      const to = from + by;
      if (from < 0 || to < 0 || to >= items.length) return;
      const next = [...items];
      [next[from], next[to]] = [next[to]!, next[from]!];
      change(next);
    },
    remove(key: number) {
      change(items.filter((i) => i.key !== key));
    },

    async publish() {
      if (revision === null || problems.size > 0) return;
      // What the hub stores: titles and lines trimmed, as the schema has them.
      const slides = items.map((i) => SlideSchema.parse(i.slide));
      const body = await publishing.run(async () => {
        try {
          return await call(api.content.$put({ json: { baseRevision: revision, slides } }));
        } catch (failure) {
          if (failure instanceof ApiFailure && failure.code === 'conflict') {
            setConflict(true);
            return undefined;
          }
          throw failure;
        }
      });
      if (!body) return;
      const done = items.map((i, index) => ({ ...i, slide: slides[index]!, fresh: false }));
      setRevision(body.revision);
      setPublished(done);
      setItems(done);
      setPublishedAt(Date.now());
    },
  };
}

export type ContentDraft = ReturnType<typeof useContentDraft>;
