import { describe, expect, it } from 'vitest';
import type { IntegrationsData, SeenEvent } from '../store/integrations-file.ts';
import { findSeenEvent, MAX_SEEN_EVENTS, rememberEvent } from './seen-events.ts';

const DAY = 24 * 3600_000;
const now = Date.parse('2026-11-26T12:00:00Z');
const event = (eventId: string, atMs: number, integrationId = 'aaaaaaaaaaaa'): SeenEvent => ({
  integrationId,
  eventId,
  bodyHash: 'h',
  at: new Date(atMs).toISOString(),
  answer: { ok: true, id: eventId },
});
const empty = (): IntegrationsData => ({ schemaVersion: 1, integrations: [], seenEvents: [] });

describe('seen events', () => {
  it('finds an event by integration and id, not by id alone', () => {
    const data = empty();
    rememberEvent(data, event('e1', now), now);
    expect(findSeenEvent(data, 'aaaaaaaaaaaa', 'e1')?.answer).toEqual({ ok: true, id: 'e1' });
    expect(findSeenEvent(data, 'bbbbbbbbbbbb', 'e1')).toBeUndefined();
    expect(findSeenEvent(data, 'aaaaaaaaaaaa', 'e2')).toBeUndefined();
  });

  it('keeps events for a day, then forgets them', () => {
    const data = empty();
    rememberEvent(data, event('old', now - DAY - 1), now - DAY - 1);
    rememberEvent(data, event('recent', now - DAY + 1000), now - DAY + 1000);
    rememberEvent(data, event('new', now), now);
    expect(data.seenEvents.map((e) => e.eventId)).toEqual(['recent', 'new']);
  });

  it('keeps at most MAX_SEEN_EVENTS, dropping the oldest', () => {
    const data = empty();
    for (let i = 0; i < MAX_SEEN_EVENTS + 5; i++) rememberEvent(data, event(`e${i}`, now + i), now + i);
    expect(data.seenEvents).toHaveLength(MAX_SEEN_EVENTS);
    expect(data.seenEvents[0]!.eventId).toBe('e5');
  });
});
