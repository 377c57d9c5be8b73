// A Preact hook for the floor plans being edited: the version loaded from the hub, a local draft, whether it has
// unsaved changes, saving with the loaded version (so two managers cannot overwrite each other unseen) and the
// hub's readiness check of what is saved.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Wayfinding } from '../../shared/floor-plan.ts';
import { ApiFailure, api, call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import type { ReadinessProblem } from './readiness-panel.tsx';

export interface PlanDraft {
  draft: Wayfinding | null;
  /** The draft differs from what the hub has. */
  dirty: boolean;
  /** Someone else saved since we loaded: our save was refused. */
  conflict: boolean;
  problems: ReadinessProblem[] | null;
  /** When the last save succeeded (for "Saved at…"). */
  savedAt: number | null;
  loading: boolean;
  saving: boolean;
  error: string | null;
  replace(next: Wayfinding): void;
  save(): Promise<void>;
  reload(): Promise<void>;
}

export function usePlanDraft(): PlanDraft {
  const [version, setVersion] = useState<string | null>(null);
  const [draft, setDraft] = useState<Wayfinding | null>(null);
  // The newest draft, read after an await: edits made while a save is in flight must stay unsaved.
  const latest = useRef<Wayfinding | null>(null);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [problems, setProblems] = useState<ReadinessProblem[] | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const loading = useApiAction();
  const saving = useApiAction();

  const reload = useCallback(async () => {
    const body = await loading.run(() => Promise.all([call(api.wayfinding.$get()), call(api.readiness.$get())]));
    if (!body) return;
    const [plans, readiness] = body;
    setVersion(plans.version);
    setDraft(plans.wayfinding);
    latest.current = plans.wayfinding;
    setProblems(readiness.problems);
    setDirty(false);
    setConflict(false);
  }, []);

  useEffect(() => void reload(), [reload]);

  // Closing the tab or reloading would silently drop an afternoon of mapping.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const replace = useCallback((next: Wayfinding) => {
    setDraft(next);
    latest.current = next;
    setDirty(true);
  }, []);

  const save = async () => {
    if (!draft || version === null) return;
    const saved = draft;
    const body = await saving.run(async () => {
      try {
        return await call(api.wayfinding.$put({ json: { baseVersion: version, wayfinding: saved } }));
      } catch (failure) {
        // 409: the plans changed under us; the page offers to reload rather than showing a raw error.
        if (failure instanceof ApiFailure && failure.status === 409) {
          setConflict(true);
          return undefined;
        }
        throw failure;
      }
    });
    if (!body) return;
    setVersion(body.version);
    setProblems(body.problems);
    setSavedAt(Date.now());
    if (latest.current === saved) setDirty(false);
  };

  return {
    draft,
    dirty,
    conflict,
    problems,
    savedAt,
    loading: loading.busy,
    saving: saving.busy,
    error: saving.error ?? loading.error,
    replace,
    save,
    reload,
  };
}
