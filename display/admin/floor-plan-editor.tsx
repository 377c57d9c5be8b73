// The facility manager's floor-plan editor: pick a floor, draw on its map with the tools, check the draft, save
// it with the version it was loaded at, and see what the hub still finds missing before a real evacuation.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FloorPlan } from '../../shared/floor-plan.ts';
import type { Site } from '../../shared/model.ts';
import { api, call } from '../lib/api-client.ts';
import { PlanCanvas } from '../lib/plan-canvas.tsx';
import { useApiAction } from '../lib/use-api-action.ts';
import { DraftIssuesPanel, draftIssues, type DraftIssue } from './draft-issues.tsx';
import { FloorPicker } from './floor-picker.tsx';
import { MapUpload } from './map-upload.tsx';
import { itemExists, type PlanItem } from './plan-edits.ts';
import { PlanLayers } from './plan-layers.tsx';
import { floorName } from './plan-names.ts';
import { PlanToolbar } from './plan-toolbar.tsx';
import { ReadinessPanel, type ReadinessProblem } from './readiness-panel.tsx';
import { SaveBar } from './save-bar.tsx';
import { SelectionForm } from './selection-form.tsx';
import { usePlanDraft } from './use-plan-draft.ts';
import { usePlanInteraction } from './use-plan-interaction.ts';
import { useSite } from '../lib/use-site.ts';
import { translationLanguages } from '../../shared/translations.ts';

const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function FloorPlanEditor(props: { canEdit: boolean; active: boolean }) {
  const { canEdit } = props;
  const { site, error: siteError } = useSite();

  const plans = usePlanDraft();
  const { draft } = plans;
  const [chosenFloorId, setFloorId] = useState<string | null>(null);
  const firstFloor = site?.buildings.flatMap((b) => [...b.floors].sort((x, y) => x.level - y.level))[0]?.id ?? null;
  const floorId = chosenFloorId ?? firstFloor;
  const floor = draft?.floors.find((f) => f.floorId === floorId) ?? null;
  const interaction = usePlanInteraction({ draft, floor, replace: plans.replace, canEdit });
  // A reload or a deletion can take the selected item away; never show a form for nothing.
  const selection = interaction.selection && draft && floorId && itemExists(draft, floorId, interaction.selection) ? interaction.selection : null;

  const screensHere = useMemo(() => site?.screens.filter((s) => s.floorId === floorId) ?? [], [site, floorId]);
  const placed = new Map(draft?.screens.map((s) => [s.screenId, s.facingDegrees]));
  const spotsHere = (draft?.screens ?? []).flatMap((spot) => {
    const screen = screensHere.find((s) => s.id === spot.screenId);
    return screen ? [{ spot, name: screen.name }] : [];
  });
  const issues = useMemo(() => (site && draft ? draftIssues(site, draft) : []), [site, draft]);

  const showFloor = (id: string) => {
    if (id !== floorId) {
      setFloorId(id);
      interaction.select(null);
      // Half a corridor on one floor cannot continue on another.
      interaction.chooseTool(interaction.tool.name === 'move' ? 'select' : interaction.tool.name);
    }
  };
  const showItem = (id: string, item: PlanItem | null) => {
    showFloor(id);
    if (item) interaction.chooseTool('select');
    interaction.select(item);
  };

  const pickProblem = (problem: ReadinessProblem) => {
    const screen = problem.screenId ? site?.screens.find((s) => s.id === problem.screenId) : undefined;
    if (screen) {
      if (placed.has(screen.id)) return showItem(screen.floorId, { kind: 'screen', id: screen.id });
      // Not on the map yet: get the Place screen tool ready with that screen chosen.
      showItem(screen.floorId, null);
      interaction.chooseTool('screen');
      return interaction.setOptions({ screenId: screen.id });
    }
    const poiFloor = problem.poiId ? draft?.floors.find((f) => f.pois.some((p) => p.id === problem.poiId)) : undefined;
    if (poiFloor && problem.poiId) return showItem(poiFloor.floorId, { kind: 'poi', id: problem.poiId });
    if (problem.floorId) showItem(problem.floorId, null);
  };
  const pickIssue = (issue: DraftIssue) => issue.floorId && showItem(issue.floorId, issue.item);

  // Keys act on the newest state without re-binding the listener on every render.
  const keys = useRef({ interaction, active: props.active });
  keys.current = { interaction, active: props.active };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { interaction: current, active } = keys.current;
      if (!active) return;
      const typing = isTyping(event.target);
      if (event.key === 'Escape') {
        // In a field, Escape only leaves the field; the selection being edited stays.
        if (typing) (event.target as HTMLElement).blur();
        else current.cancel();
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && !typing) {
        event.preventDefault();
        current.deleteSelection();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (siteError && !site) return <p class="error">{siteError}</p>;
  if (site && !firstFloor) {
    return <p class="muted" data-test="plans-need-floors">A floor plan belongs to a floor: add your buildings and their floors on the <a href="#site">Site</a> page first.</p>;
  }
  if (!site || !floorId || (!draft && !plans.error)) return <p class="muted">Loading the floor plans…</p>;

  const tool = interaction.tool;
  return (
    <div class="plan-editor" data-test="floor-plan-editor">
      <div class="plan-header">
        <FloorPicker site={site} draft={draft} floorId={floorId} onChange={showFloor} />
        <SaveBar plans={plans} canEdit={canEdit} issueCount={issues.length} />
      </div>
      {draft && (
        <div class="plan-body">
          <PlanToolbar
            interaction={interaction}
            screens={screensHere}
            placed={placed}
            disabledReason={!canEdit ? 'Only an administrator can change the floor plans.' : !floor ? 'Upload this floor’s map first.' : null}
          />
          <div
            class={`plan-stage tool-${tool.name}`}
            // The stage takes the map's shape, so the map fills it instead of floating in grey bands.
            style={floor ? { aspectRatio: `${floor.width} / ${floor.height}` } : undefined}
            onDblClick={() => tool.name === 'area' && interaction.finishArea()}
          >
            {floor ? (
              <PlanCanvas floor={floor} data-test="plan-canvas" class="plan-canvas" onPoint={(point) => interaction.onPoint(point)}>
                <PlanLayers
                  floor={floor}
                  screens={spotsHere}
                  selection={selection}
                  connectFrom={tool.name === 'connect' ? tool.from : null}
                  areaCorners={tool.name === 'area' ? tool.points : []}
                  edgesClickable={tool.name === 'connect'}
                  areaNames={tool.name === 'area'}
                  draggable={canEdit && tool.name === 'select'}
                  onDrop={interaction.dropItem}
                  onPickItem={(item, event) => interaction.onPickItem(item) && event.stopPropagation()}
                  onPickEdge={(from, to, event) => interaction.onPickEdge(from, to) && event.stopPropagation()}
                />
              </PlanCanvas>
            ) : (
              <div class="no-plan" data-test="no-plan">
                <p>
                  <strong>{floorName(site, floorId)}</strong> has no floor plan yet.
                </p>
                <p class="muted">{canEdit ? 'Upload its map on the right to start one.' : 'An administrator adds it.'}</p>
              </div>
            )}
          </div>
          <aside class="plan-side">
            {selection && floor ? (
              <SelectionForm
                draft={draft}
                floor={floor}
                selection={selection}
                justAdded={interaction.justAdded}
                siteScreens={screensHere}
                translateTo={translationLanguages(site)}
                disabled={!canEdit}
                replace={plans.replace}
                onMove={() => interaction.chooseTool('move', selection)}
              />
            ) : (
              floor && <FloorSummary floor={floor} screens={spotsHere.length} screensOnFloor={screensHere.length} />
            )}
            <DraftIssuesPanel issues={issues} onPick={pickIssue} />
            <ReadinessPanel problems={plans.problems} onPick={pickProblem} />
            {canEdit && <MapUpload key={floorId} floorId={floorId} floor={floor} draft={draft} dirty={plans.dirty} replace={plans.replace} disabled={!canEdit} />}
          </aside>
        </div>
      )}
    </div>
  );
}

function FloorSummary(props: { floor: FloorPlan; screens: number; screensOnFloor: number }) {
  const { floor } = props;
  return (
    <div class="item-form floor-summary">
      <h3>This floor</h3>
      <p>
        {floor.pois.length} points of interest, {floor.nodes.length} walkway points, {floor.edges.length} connections, {floor.areas.length} areas;{' '}
        {props.screens} of {props.screensOnFloor} screens placed.
      </p>
      <p class="muted">Select something on the map to edit it.</p>
    </div>
  );
}
