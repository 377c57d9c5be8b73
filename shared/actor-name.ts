// Whoever made a change, in the consoles' and reports' words: a person by username, a system as "Raptor (integration)".
export function actorName(who: string, isIntegration: boolean): string {
  return isIntegration ? `${who} (integration)` : who;
}
