// How each building's drills stand against the school's rule set today, counted from the drill reports (every drill
// in the audit log). A site-wide drill counts for every building, a building's drill for that building; a drill in
// one zone is not a drill of the whole building, so it counts for none.
import { complianceStatus, drillCountsAs, scheduledStatus, type ComplianceStatus, type CountedDrill, type DrillRuleSet, type ScheduledDrill, type ScheduledStatus } from '../../shared/drill-compliance.ts';
import type { Site } from '../../shared/model.ts';
import { modeChanges, type ModeChange } from '../reports/drill-reports.ts';
import { schoolDate } from '../reports/school-clock.ts';
import type { AuditEntry } from '../store/audit-log.ts';

export interface BuildingCompliance {
  buildingId: string;
  name: string;
  status: ComplianceStatus;
}

/** One drill of the school year, for the compliance log. */
export interface ComplianceDrill extends CountedDrill {
  at: string;
  scopeName: string;
  /** The buildings it counts for. */
  buildingIds: string[];
  /** The kinds of drill it counts as under the rule set. */
  countsAs: string[];
}

export interface ComplianceReport {
  ruleSet: DrillRuleSet | null;
  /** The school's calendar day it was judged on. */
  today: string;
  timeZone: string;
  buildings: BuildingCompliance[];
  /** The drills of the school year judged, oldest first (none when no rule set is chosen). */
  drills: ComplianceDrill[];
  /** The drills in the school's calendar, in date order, each held, due today, upcoming or not held. */
  scheduled: ScheduledStatus[];
}

function buildingsOf(change: ModeChange, site: Site): string[] {
  if (change.scope.kind === 'site') return site.buildings.map((b) => b.id);
  if (change.scope.kind === 'building') return [change.scope.buildingId];
  return [];
}

export async function complianceReport(deps: { entries: AsyncIterable<AuditEntry>; site: Site; ruleSet: DrillRuleSet | null; scheduled: readonly ScheduledDrill[]; now: Date }): Promise<ComplianceReport> {
  const { site, ruleSet } = deps;
  const timeZone = site.timeZone;
  const today = schoolDate(deps.now.getTime(), timeZone);
  if (!ruleSet && deps.scheduled.length === 0) return { ruleSet, today, timeZone, buildings: [], drills: [], scheduled: [] };
  const kinds = ruleSet ? [...new Set(ruleSet.rules.map((rule) => rule.kind))] : [];
  const drills: ComplianceDrill[] = (await modeChanges(deps.entries, site))
    .filter((change) => change.drill)
    .map((change) => {
      const counted: CountedDrill = { seq: change.seq, day: schoolDate(Date.parse(change.at), timeZone), mode: change.mode, hazard: change.mode === 'shelter' ? change.details.hazard : null };
      return { ...counted, at: change.at, scopeName: change.scopeName, buildingIds: buildingsOf(change, site), countsAs: kinds.filter((kind) => drillCountsAs(counted, kind)) };
    });
  const names = new Map(site.buildings.map((b) => [b.id, b.name]));
  const scheduled = scheduledStatus(deps.scheduled, drills, today, (id) => names.get(id) ?? id);
  if (!ruleSet) return { ruleSet, today, timeZone, buildings: [], drills: [], scheduled };
  const buildings = site.buildings.map((building) => ({
    buildingId: building.id,
    name: building.name,
    status: complianceStatus(
      ruleSet,
      drills.filter((d) => d.buildingIds.includes(building.id)),
      today,
    ),
  }));
  const year = buildings[0]?.status.year;
  return { ruleSet, today, timeZone, buildings, drills: year ? drills.filter((d) => d.day >= year.from && d.day <= year.to) : drills, scheduled };
}
