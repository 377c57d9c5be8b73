// A screen's state without a hub connection: what the admin console's preview hands <muster-screen>, so the
// preview is drawn by the very elements a screen draws with.
import type { ActiveMode } from '../../shared/model.ts';
import { effectiveModeFor } from '../../shared/modes.ts';
import type { ScreenPreview } from '../../shared/screen-preview.ts';
import type { ConnectionStatus } from '../lib/hub-connection.ts';
import type { SavedScreenState } from './saved-screen-state.ts';
import type { ScreenProblem } from './screen-link-controller.ts';

/** What <muster-screen> reads from its link to the hub; ScreenLinkController is the live one. */
export interface ScreenView {
  readonly state: SavedScreenState;
  /** False while the saved state is still being read: nothing is painted or reflected until it is. */
  readonly loaded: boolean;
  readonly effective: ActiveMode | null;
  readonly status: ConnectionStatus;
  readonly problem: ScreenProblem;
  readonly identifyUntil: number;
  readonly reloadRequested: boolean;
  readonly sweep: { code: string; until: number } | null;
  readonly lastContactAt: number | null;
  readonly startedAt: number;
}

export class StaticScreenView implements ScreenView {
  readonly state: SavedScreenState;
  readonly loaded = true;
  readonly status = 'open' as const;
  readonly problem = null;
  readonly identifyUntil = 0;
  readonly reloadRequested = false;
  readonly sweep = null;
  readonly startedAt = Date.now();
  readonly lastContactAt = Date.now();

  constructor(preview: ScreenPreview) {
    this.state = { version: 1, lastContactAt: this.lastContactAt, ...preview };
  }

  get effective(): ActiveMode | null {
    return effectiveModeFor(this.state.profile!, this.state.modes, this.state.priority);
  }
}
