// Saving the floor plans: whether there are unsaved changes, the Save button, and what to do when the hub refuses
// (someone else saved first, or the plans do not fit the site).
import { DraftBar, clockTime } from './draft-bar.tsx';
import type { PlanDraft } from './use-plan-draft.ts';

export function SaveBar(props: { plans: PlanDraft; canEdit: boolean; issueCount: number }) {
  const { plans } = props;
  return (
    <DraftBar
      dirty={plans.dirty}
      busy={plans.saving}
      conflict={plans.conflict}
      error={plans.error}
      problemCount={props.issueCount}
      readOnly={!props.canEdit}
      words={{
        unsaved: 'Unsaved changes',
        saved: plans.savedAt ? `Saved at ${clockTime(plans.savedAt)}` : 'No unsaved changes',
        fixFirst: (n) => `Fix ${n === 1 ? 'the problem' : `the ${n} problems`} listed before saving.`,
        save: 'Save',
        saving: 'Saving…',
        conflict: 'Someone else saved the floor plans after you opened them, so your changes were not saved.',
        confirmDiscard: 'Throw away your unsaved changes to the floor plans?',
      }}
      tests={{ unsaved: 'unsaved', saved: 'save-status', discard: 'discard-plan', save: 'save-plan', conflict: 'save-conflict', reload: 'reload-plans', error: 'save-error' }}
      onSave={() => void plans.save()}
      onReload={() => void plans.reload()}
    />
  );
}
