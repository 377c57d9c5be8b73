// The bar of an editor whose draft is saved whole and version-checked (floor plans, content): whether there are
// unsaved changes, Discard and Save, and what to do when the hub refuses (someone else saved first, or a problem).
import type { ComponentChildren } from 'preact';

export interface DraftBarWords {
  unsaved: string;
  saved: string;
  /** "Fix the 2 problems listed before saving." */
  fixFirst: (count: number) => string;
  save: string;
  saving: string;
  /** Why the save was refused when someone else saved first. */
  conflict: string;
  confirmDiscard: string;
}

/** data-test names of the bar's parts, so each editor keeps its own. */
export interface DraftBarTests {
  unsaved: string;
  saved: string;
  discard: string;
  save: string;
  conflict: string;
  reload: string;
  error: string;
}

export interface DraftBarProps {
  dirty: boolean;
  busy: boolean;
  conflict: boolean;
  error: string | null;
  problemCount: number;
  /** Shown first, e.g. the revision. */
  info?: ComponentChildren;
  /** The user may look but not change: no buttons. */
  readOnly?: boolean;
  words: DraftBarWords;
  tests: DraftBarTests;
  class?: string;
  onSave: () => void;
  onReload: () => void;
}

export function DraftBar(props: DraftBarProps) {
  const { dirty, busy, conflict, words, tests } = props;
  const discard = () => {
    if (!dirty || conflict || window.confirm(words.confirmDiscard)) props.onReload();
  };
  return (
    <div class={`save-bar ${props.class ?? ''}`}>
      {props.info}
      {props.readOnly ? (
        <span class="status-chip" data-test="read-only">
          Read only
        </span>
      ) : dirty ? (
        <span class="status-chip unsaved" role="status" data-test={tests.unsaved}>
          {words.unsaved}
        </span>
      ) : (
        <span class="status-chip saved" role="status" data-test={tests.saved}>
          {words.saved}
        </span>
      )}
      {!props.readOnly && (
        <>
          {props.problemCount > 0 && <span class="muted">{words.fixFirst(props.problemCount)}</span>}
          <button type="button" class="secondary" data-test={tests.discard} disabled={!dirty || busy} onClick={discard}>
            Discard changes
          </button>
          <button type="button" class="primary" data-test={tests.save} disabled={!dirty || busy || conflict || props.problemCount > 0} onClick={props.onSave}>
            {busy ? words.saving : words.save}
          </button>
        </>
      )}
      {conflict && (
        <div class="error conflict" role="alert" data-test={tests.conflict}>
          {words.conflict}
          <button type="button" class="secondary" data-test={tests.reload} onClick={props.onReload}>
            Load their version (drops your changes)
          </button>
        </div>
      )}
      {props.error && (
        <p class="error" role="alert" data-test={tests.error}>
          {props.error}
        </p>
      )}
    </div>
  );
}

export const clockTime = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
