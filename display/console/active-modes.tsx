// What is active now, most important first, each with its own All Clear.
import { actorName } from '../../shared/actor-name.ts';
import type { ModeWordings } from '../../shared/mode-texts.ts';
import type { ActiveMode, Site } from '../../shared/model.ts';
import { MODE_CATALOGUE, announcementFor, shelterInWords } from '../../shared/modes.ts';
import { elapsedSince } from './elapsed-since.ts';
import { schoolTime } from './school-time.ts';
import { ModeIcon } from './mode-icon.tsx';
import { scopeName, scopeSlug } from './scope-names.ts';

export function ActiveModes(props: {
  modes: readonly ActiveMode[];
  priority: readonly string[];
  site: Site | null;
  now: number;
  canClear: boolean;
  /** For the PA script of each mode, in the school's words. */
  wordings: ModeWordings;
  onAllClear: (active: ActiveMode) => void;
}) {
  if (props.modes.length === 0) {
    return (
      <p class="all-normal" data-test="no-active-mode">
        Normal operations: no mode is active.
      </p>
    );
  }
  const sorted = [...props.modes].sort((a, b) => props.priority.indexOf(a.mode) - props.priority.indexOf(b.mode) || b.seq - a.seq);
  return (
    <ul class="active-modes">
      {sorted.map((active) => (
        <li key={active.seq} class="active-mode" style={{ '--mode-color': MODE_CATALOGUE[active.mode].color }} data-test={`active-${active.mode}`}>
          <ModeIcon mode={active.mode} size={36} />
          <div class="active-text">
            <strong>
              {MODE_CATALOGUE[active.mode].text.en.name.toUpperCase()}
              {active.drill ? <span class="drill-tag">DRILL</span> : <span class="real-tag">REAL</span>}
            </strong>
            <span>
              {scopeName(active.scope, props.site)} · since {schoolTime(active.startedAt, props.site)} (
              {elapsedSince(active.startedAt, props.now)}) · by {actorName(active.by, active.byIntegration === true)}
              {active.mode === 'evacuate' && ` · to ${active.destination}`}
              {active.mode === 'shelter' && ` · ${shelterInWords(active.hazard, active.strategy)}`}
              {active.note && <span data-test="active-note"> · “{active.note}”</span>}
            </span>
            <span class="pa-script" data-test="pa-script">
              On the PA: “{announcementFor(active, 'en', props.wordings)}”
            </span>
          </div>
          {props.canClear && (
            <button type="button" class="all-clear-button" data-test={`all-clear-${scopeSlug(active.scope)}`} onClick={() => props.onAllClear(active)}>
              All Clear…
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
