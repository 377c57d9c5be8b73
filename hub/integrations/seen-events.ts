// The events integrations sent lately, by id, with the answer each got: the same id again gets that answer and
// changes nothing, across restarts too. Kept for a day (senders retry for hours; a signed replay is refused by its
// timestamp after five minutes anyway) and at most MAX_SEEN_EVENTS, oldest dropped first, so the file stays small.
import type { IntegrationsData, SeenEvent } from '../store/integrations-file.ts';

export const SEEN_EVENT_DAYS = 1;
export const MAX_SEEN_EVENTS = 1000;

export function findSeenEvent(data: Readonly<IntegrationsData>, integrationId: string, eventId: string): SeenEvent | undefined {
  return data.seenEvents.find((event) => event.integrationId === integrationId && event.eventId === eventId);
}

/** Adds `event` to the draft and drops what is too old or too many. */
export function rememberEvent(draft: IntegrationsData, event: SeenEvent, nowMs: number): void {
  const oldest = nowMs - SEEN_EVENT_DAYS * 24 * 3600_000;
  draft.seenEvents = [...draft.seenEvents.filter((seen) => Date.parse(seen.at) >= oldest), event].slice(-MAX_SEEN_EVENTS);
}
