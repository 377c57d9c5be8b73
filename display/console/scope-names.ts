// Human names for scopes ("Whole school", "Main Building", "East wing (Main Building)"), from the site.
import type { Scope } from '../../shared/model.ts';

// The hub's reports name scopes too, so the wording lives in shared/.
export { scopeName } from '../../shared/scope-names.ts';

/** A scope as a data-test / DOM id fragment: "site", "building-main", "zone-east-wing". */
export function scopeSlug(scope: Scope): string {
  return scope.kind === 'site' ? 'site' : scope.kind === 'building' ? `building-${scope.buildingId}` : `zone-${scope.zoneId}`;
}
