// Emergency mode operations: validate → persist → broadcast → audit. The only code that changes the mode state.
import { DEFAULT_STRATEGY, sameScope, scopeCovers, shelterInWords } from '../../shared/modes.ts';
import type { ActiveMode, AllClearRequest, ModeRequest, ModeState, Scope, Site } from '../../shared/model.ts';
import { ApiError } from '../api-error.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import { StorageError } from '../store/json-document.ts';
import type { Store } from '../store/store.ts';
import type { ModesChange } from '../integrations/outbox.ts';
import type { Actor } from './actor.ts';

export interface ModeOperationsDeps {
  store: Store;
  audit: AuditLog;
  realtime: RealtimeHub;
  now?: () => Date;
  /** Where failures to write the audit log are reported; the change itself has happened by then. */
  logError?: (message: string) => void;
  /** Told of each change once the screens have it (the outbound webhooks); it must not throw or wait. */
  onChanged?: (change: ModesChange) => void;
}

/** A building or zone named in a request must be on the site. */
export function checkScope(scope: Scope, site: Site): void {
  if (scope.kind === 'building' && !site.buildings.some((b) => b.id === scope.buildingId)) {
    throw new ApiError('unknown_scope', `There is no building "${scope.buildingId}" on this site.`);
  }
  if (scope.kind === 'zone' && !site.zones.some((z) => z.id === scope.zoneId)) {
    throw new ApiError('unknown_scope', `There is no zone "${scope.zoneId}" on this site.`);
  }
}

async function persist<T>(store: Store, mutate: (draft: ModeState) => T): Promise<T> {
  try {
    return await store.updateModeState(mutate);
  } catch (error) {
    if (error instanceof StorageError) throw new ApiError('storage_failed', 'The change could not be saved, so it was not made.');
    throw error;
  }
}

export function createModeOperations({ store, audit, realtime, now = () => new Date(), logError = console.error, onChanged = () => {} }: ModeOperationsDeps) {
  const writeAudit = (entry: Parameters<AuditLog['append']>[0]) =>
    audit.append(entry).catch((error: Error) => logError(`AUDIT LOG WRITE FAILED for seq ${entry.seq}: ${error.message}`));

  return {
    /**
     * Start a mode on a scope; it replaces the mode active on exactly that scope, if any. `mayStart` may refuse (409)
     * given the modes as they are then: the weather feed starts a Shelter only when no real event would be replaced.
     */
    async setMode(request: ModeRequest, actor: Actor, mayStart: (modes: readonly ActiveMode[]) => string | null = () => null): Promise<ActiveMode> {
      checkScope(request.scope, store.data.site);
      const active = await persist(store, (modeState) => {
        // Checked inside the serialised update so two offices cannot race past it.
        const replaced = modeState.modes.find((m) => sameScope(m.scope, request.scope));
        if (replaced && !replaced.drill && request.drill) {
          throw new ApiError('real_event_active', 'A real event is active on this scope; a drill cannot replace it.');
        }
        const refusal = mayStart(modeState.modes);
        if (refusal) throw new ApiError('real_event_active', refusal);
        const seq = modeState.seq + 1;
        const { note, noteTranslations, ...rest } = request;
        // An empty note is no note: screens show nothing for it, nor for its translations.
        const base = { seq, startedAt: now().toISOString(), by: actor.username, ...(actor.role === 'integration' ? { byIntegration: true as const } : {}), ...(note ? { note, ...(noteTranslations ? { noteTranslations } : {}) } : {}) };
        const next: ActiveMode =
          rest.mode === 'shelter'
            ? { ...rest, ...base, strategy: rest.strategy ?? DEFAULT_STRATEGY[rest.hazard] }
            : rest.mode === 'evacuate'
              ? { ...rest, ...base, ...destinationIdOf(rest.destination, store.data.site) }
              : { ...rest, ...base };
        modeState.seq = seq;
        modeState.modes = [...modeState.modes.filter((m) => m !== replaced), next];
        return next;
      });
      realtime.publishModes({ kind: 'set', seq: active.seq });
      onChanged({ kind: 'set', active });
      await writeAudit({
        at: active.startedAt,
        who: actor.username,
        role: actor.role,
        from: actor.from,
        action: 'mode.set',
        seq: active.seq,
        mode: active.mode,
        scope: active.scope,
        drill: active.drill,
        detail: modeSetDetail(active),
        ...modeSetFacts(active),
      });
      return active;
    },

    /**
     * End the modes inside the scope. A real All Clear ends everything there; a drill All Clear ends only the
     * drills and leaves real events running (their screens never showed the drill: a real event outranks it),
     * so a drill can never end a real event, and a site-wide drill can still end while a building is on Hold.
     * `mayEnd` may refuse (403) to end a mode: an integration ends only what it may start.
     */
    async allClear(request: AllClearRequest, actor: Actor, mayEnd: (mode: ActiveMode) => string | null = () => null): Promise<{ seq: number; cleared: number[] }> {
      const site = store.data.site;
      checkScope(request.scope, site);
      const result = await persist(store, (modeState) => {
        const covered = modeState.modes.filter((m) => scopeCovers(request.scope, m.scope, site));
        if (covered.length === 0) throw new ApiError('no_active_mode', 'Nothing is active in this scope.');
        const inScope = request.drill ? covered.filter((m) => m.drill) : covered;
        if (inScope.length === 0) {
          throw new ApiError('real_event_active', 'Only a real event is active in this scope; a drill All Clear cannot end it.');
        }
        // Asked here, inside the serialised update, so a mode started meanwhile is asked about too.
        const refusal = inScope.map(mayEnd).find((reason) => reason !== null);
        if (refusal) throw new ApiError('forbidden', refusal);
        const seq = modeState.seq + 1;
        modeState.seq = seq;
        modeState.modes = modeState.modes.filter((m) => !inScope.includes(m));
        // Hazards marked during an event end with the last mode: a stale drill hazard must never bend the
        // routes of the next real evacuation.
        const hazardsCleared = modeState.modes.length === 0 && (modeState.hazards.areaIds.length > 0 || modeState.hazards.blockedPoiIds.length > 0);
        if (modeState.modes.length === 0) modeState.hazards = { areaIds: [], blockedPoiIds: [] };
        return { seq, cleared: inScope.map((m) => m.seq), hazardsCleared };
      });
      realtime.publishModes({ kind: 'clear', scope: request.scope, drill: request.drill, cleared: result.cleared });
      onChanged({ kind: 'clear', seq: result.seq, scope: request.scope, drill: request.drill, cleared: result.cleared });
      await writeAudit({
        at: now().toISOString(),
        who: actor.username,
        role: actor.role,
        from: actor.from,
        action: 'mode.all-clear',
        seq: result.seq,
        mode: 'normal',
        scope: request.scope,
        drill: request.drill,
        detail: `cleared ${result.cleared.join(', ')}${result.hazardsCleared ? '; hazards cleared with the last mode' : ''}`,
      });
      return { seq: result.seq, cleared: result.cleared };
    },
  };
}

export type ModeOperations = ReturnType<typeof createModeOperations>;

/**
 * The site's destination the office named, kept with the mode so screens still find its translations after a
 * rename. A name the site does not list (the office typed another place) is kept as words only.
 */
function destinationIdOf(destination: string, site: Site): { destinationId?: string } {
  const listed = site.destinations.find((d) => d.name === destination);
  return listed ? { destinationId: listed.id } : {};
}

/**
 * What a started mode was beyond its name, as fields of its audit line, so reports, the compliance log and the CAP
 * feed read the facts rather than parse them back out of `detail` (hub/reports/mode-start-details.ts).
 */
function modeSetFacts(active: ActiveMode): Pick<AuditEntry, 'destination' | 'hazard' | 'strategy' | 'note' | 'noteTranslations'> {
  return {
    ...(active.mode === 'evacuate' ? { destination: active.destination } : {}),
    ...(active.mode === 'shelter' ? { hazard: active.hazard, strategy: active.strategy } : {}),
    ...(active.note ? { note: active.note } : {}),
    ...(active.note && active.noteTranslations && Object.keys(active.noteTranslations).length > 0 ? { noteTranslations: active.noteTranslations } : {}),
  };
}

/** What the audit log says of a started mode beyond its name, for people reading it: where to, what hazard, the note. */
function modeSetDetail(active: ActiveMode): string | undefined {
  const what = active.mode === 'evacuate' ? `to ${active.destination}` : active.mode === 'shelter' ? shelterInWords(active.hazard, active.strategy) : null;
  const note = active.note ? `note: “${active.note}”` : null;
  const translated = Object.entries(active.noteTranslations ?? {}).map(([language, text]) => `note in ${language}: “${text}”`);
  return [what, note, ...translated].filter((part) => part !== null).join('; ') || undefined;
}
