// What every part of the realtime hub that greets or updates a client reads: the hub's build and heartbeat (for the
// welcome), the modes' priority, and the committed site and mode state, read fresh on every use.
import type { ModeId, ModeState, Site } from '../../shared/model.ts';

export interface HubBasics {
  build: string;
  heartbeatMs: number;
  priority: readonly ModeId[];
  site: () => Site;
  modeState: () => ModeState;
}
