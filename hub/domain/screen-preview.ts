// The admin console's preview of a screen: what that screen holds now (its profile, floor plans, slides and
// the school's wordings), with the emergency state as it is, or with a sample of a mode started for the site.
import { targetsScreen, type Slide } from '../../shared/content.ts';
import type { ActiveMode, EmergencyModeId } from '../../shared/model.ts';
import { DEFAULT_PRIORITY } from '../../shared/modes.ts';
import type { PreviewMode, ScreenPreview } from '../../shared/screen-preview.ts';
import { ApiError } from '../api-error.ts';
import { screenProfile, siteProfile } from '../realtime/screen-profile.ts';
import type { Store } from '../store/store.ts';
import type { BuildingPlans } from './building-plans.ts';
import { wordingsVersion } from './mode-wordings.ts';

function sampleMode(mode: EmergencyModeId, seq: number, destination: string): ActiveMode {
  const base = { scope: { kind: 'site' as const }, drill: false, seq, startedAt: new Date().toISOString(), by: 'preview' };
  if (mode === 'evacuate') return { ...base, mode, destination };
  if (mode === 'shelter') return { ...base, mode, hazard: 'tornado', strategy: 'shelter-area' };
  return { ...base, mode };
}

export function createScreenPreview({ store, plans }: { store: Store; plans: BuildingPlans }) {
  /** `draft`: unpublished slides to show instead of the published ones (the content editor's preview). */
  return (screenId: string, mode: PreviewMode, draft: readonly Slide[] | null = null): ScreenPreview => {
    const { site, modeState, content, modeWordings, modeTones } = store.data;
    const screen = site.screens.find((s) => s.id === screenId);
    if (!screen) throw new ApiError('unknown_screen', `No screen "${screenId}" on this site.`);
    const plan = plans.forBuilding(screen.buildingId);
    const modes = mode === 'now' ? modeState.modes : [sampleMode(mode, modeState.seq + 1, site.destinations[0]?.name ?? 'the assembly point')];
    return {
      seq: mode === 'now' ? modeState.seq : modeState.seq + 1,
      modes,
      priority: [...DEFAULT_PRIORITY],
      hazards: modeState.hazards,
      plan: plan ? { version: plan.version, wayfinding: plan.wayfinding } : null,
      wordings: { version: wordingsVersion(modeWordings), wordings: modeWordings },
      content: { revision: content.revision, slides: (draft ?? content.slides).filter((slide) => targetsScreen(slide, screen)) },
      profile: screenProfile(site, screen),
      site: siteProfile(site, modeTones),
    };
  };
}

export type ScreenPreviewer = ReturnType<typeof createScreenPreview>;
