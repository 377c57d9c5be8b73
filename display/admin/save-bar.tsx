// Saving the floor plans: whether there are unsaved changes, the Save button, and what to do when the hub refuses
// (someone else saved first, or the plans do not fit the site).
import type { PlanDraft } from './use-plan-draft.ts';

const clock = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function SaveBar(props: { plans: PlanDraft; canEdit: boolean; issueCount: number }) {
  const { plans, canEdit, issueCount } = props;
  const discard = () => {
    if (!plans.dirty || window.confirm('Throw away your unsaved changes to the floor plans?')) void plans.reload();
  };
  return (
    <div class="save-bar">
      {!canEdit ? (
        <span class="status-chip" data-test="read-only">
          Read only
        </span>
      ) : plans.dirty ? (
        <span class="status-chip unsaved" data-test="unsaved" role="status">
          Unsaved changes
        </span>
      ) : (
        <span class="status-chip saved" data-test="save-status" role="status">
          {plans.savedAt ? `Saved at ${clock(plans.savedAt)}` : 'No unsaved changes'}
        </span>
      )}
      {canEdit && issueCount > 0 && <span class="muted">Fix {issueCount === 1 ? 'the problem' : `the ${issueCount} problems`} listed before saving.</span>}
      {canEdit && (
        <>
          <button type="button" class="secondary" data-test="discard-plan" disabled={!plans.dirty || plans.saving} onClick={discard}>
            Discard changes
          </button>
          <button
            type="button"
            class="primary"
            data-test="save-plan"
            disabled={!plans.dirty || plans.saving || plans.conflict || issueCount > 0}
            onClick={() => void plans.save()}
          >
            {plans.saving ? 'Saving…' : 'Save'}
          </button>
        </>
      )}
      {plans.conflict && (
        <div class="error conflict" role="alert" data-test="save-conflict">
          Someone else saved the floor plans after you opened them, so your changes were not saved.
          <button type="button" class="secondary" data-test="reload-plans" onClick={() => void plans.reload()}>
            Load their version (drops your changes)
          </button>
        </div>
      )}
      {plans.error && (
        <p class="error" role="alert" data-test="save-error">
          {plans.error}
        </p>
      )}
    </div>
  );
}
