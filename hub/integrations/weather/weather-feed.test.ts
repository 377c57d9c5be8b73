// Reading NWS-style Atom feeds of CAP alerts and matching them to the school: which entries offer a Shelter.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEATHER_SETTINGS, WeatherSettingsSchema, type WeatherSettings } from '../../../shared/weather-settings.ts';
import { CAP11, CAP12, feedEntry, THUNDERSTORM_FOR_CADDO, TORNADO_FOR_BOSSIER, TORNADO_FOR_CADDO, TORNADO_FOR_CADDO_CANCELLED, weatherFeed } from '../../../test/helpers/weather-feeds.ts';
import { readWeatherFeed } from './weather-feed-reader.mjs';
import { coversSchool, matchEntries, vtecOf } from './weather-matching.ts';
import { readFeedOffTheLoop } from './weather-feed-parsing.ts';

const SCHOOL: WeatherSettings = { ...DEFAULT_WEATHER_SETTINGS, feedUrl: 'https://alerts.weather.gov/cap/la.php?x=0', areaCodes: ['022017'] };
const DURING = new Date('2026-04-14T20:10:00Z'); // 15:10 CDT, inside the warning
const AFTER = new Date('2026-04-14T20:50:00Z'); // 15:50 CDT, after it expired

function match(xml: string, settings = SCHOOL, now = DURING) {
  const reading = readWeatherFeed(xml);
  if (!reading.ok) throw new Error(reading.problem);
  return matchEntries(reading.entries, settings, now, reading.fromNws ? 'NWS' : '');
}

describe('reading a feed', () => {
  it('reads each entry of a CAP 1.1 feed with its event, status, times, area, geocodes and VTEC', () => {
    const reading = readWeatherFeed(weatherFeed([TORNADO_FOR_CADDO, THUNDERSTORM_FOR_CADDO]));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.fromNws).toBe(true);
    expect(reading.entries).toHaveLength(2);
    expect(reading.entries[0]).toMatchObject({
      event: 'Tornado Warning',
      status: 'Actual',
      msgType: 'Alert',
      expires: '2026-04-14T15:45:00-05:00',
      areaDesc: 'Caddo',
      geocodes: [
        { valueName: 'FIPS6', value: '022017' },
        { valueName: 'UGC', value: 'LAC017' },
      ],
      vtec: '/O.NEW.KSHV.TO.W.0048.260414T2005Z-260414T2045Z/',
    });
    expect(reading.entries[1]!.geocodes[0]!.value).toBe('022017 022031');
  });

  it('reads the CAP 1.2 namespace the same way', () => {
    const reading = readWeatherFeed(weatherFeed([TORNADO_FOR_CADDO], CAP12));
    expect(reading.ok && reading.entries[0]!.event).toBe('Tornado Warning');
  });

  it('refuses a feed with a DTD, one without a CAP namespace, and what is not XML, in words', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>${weatherFeed([TORNADO_FOR_CADDO]).replace(/^<\?xml[^>]*>/, '')}`;
    expect(readWeatherFeed(bomb)).toEqual({ ok: false, problem: expect.stringMatching(/document type declaration/) });
    expect(readWeatherFeed(weatherFeed([TORNADO_FOR_CADDO], 'urn:example:not-cap'))).toEqual({ ok: false, problem: expect.stringMatching(/CAP 1\.1 or 1\.2/) });
    expect(readWeatherFeed('<html><body>Service unavailable</body></html>')).toEqual({ ok: false, problem: expect.stringMatching(/not an Atom feed/) });
    expect(readWeatherFeed('{"features": []}')).toEqual({ ok: false, problem: expect.stringMatching(/not well-formed/) });
  });

  const REAL_FEED = new URL('../../../../shared/fixtures/cap/feeds/nws-atom-feed-us-cap11-2018-08-15.xml', import.meta.url);
  it.runIf(existsSync(REAL_FEED))('copes with a real NWS national feed (163 entries, no tornado), on the reading thread', async () => {
    const reading = await readFeedOffTheLoop(readFileSync(REAL_FEED, 'utf8'));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.entries).toHaveLength(163);
    expect(reading.fromNws).toBe(true);
    expect(reading.entries.every((entry) => entry.status === 'Actual' && entry.event !== '')).toBe(true);
    // While those alerts were live, a school in any county of the feed is offered nothing: there is no tornado.
    const everyCounty = [...new Set(reading.entries.flatMap((entry) => entry.geocodes.flatMap((pair) => pair.value.split(' '))))];
    const during = new Date('2018-08-15T22:57:00Z');
    expect(matchEntries(reading.entries, { areaCodes: everyCounty, rules: DEFAULT_WEATHER_SETTINGS.rules }, during, 'NWS').live).toEqual([]);
    // Mapping an event it has shows that the matching works on it.
    const floods = matchEntries(reading.entries, { areaCodes: everyCounty, rules: [{ event: 'Flood Warning', hazard: 'tsunami' }] }, during, 'NWS').live;
    expect(floods.length).toBeGreaterThan(5);
  });
});

describe('matching the school', () => {
  it('offers Shelter (tornado) for a Tornado Warning for its county, with the area and until when', () => {
    const { live } = match(weatherFeed([TORNADO_FOR_CADDO]));
    expect(live).toEqual([{ key: 'KSHV.TO.W.0048', event: 'Tornado Warning', hazard: 'tornado', area: 'Caddo', expires: '2026-04-14T20:45:00.000Z', source: 'NWS' }]);
  });

  it('offers nothing for another county, a Severe Thunderstorm Warning, an expired warning, or a Test', () => {
    expect(match(weatherFeed([TORNADO_FOR_BOSSIER, THUNDERSTORM_FOR_CADDO])).live).toEqual([]);
    expect(match(weatherFeed([TORNADO_FOR_CADDO]), SCHOOL, AFTER).live).toEqual([]);
    expect(match(weatherFeed([feedEntry({ id: 'test-1', status: 'Test' })])).live).toEqual([]);
  });

  it('ends the offer when the feed cancels the warning', () => {
    const { live, cancelled } = match(weatherFeed([TORNADO_FOR_CADDO, TORNADO_FOR_CADDO_CANCELLED]));
    expect(live).toEqual([]);
    expect([...cancelled]).toEqual(['KSHV.TO.W.0048']);
    // A Cancel without VTEC ends the school's earlier alerts of the same event.
    const plain = (xml: string) => xml.replace(/<value>\/O\.[^<]*<\/value>/g, '<value></value>');
    expect(match(weatherFeed([plain(TORNADO_FOR_CADDO), plain(TORNADO_FOR_CADDO_CANCELLED)])).live).toEqual([]);
  });

  it('matches on UGC codes, county parts, SAME event codes, and the events a school adds', () => {
    expect(match(weatherFeed([TORNADO_FOR_CADDO]), { ...SCHOOL, areaCodes: ['LAC017'] }).live).toHaveLength(1);
    expect(match(weatherFeed([TORNADO_FOR_CADDO]), { ...SCHOOL, areaCodes: ['LAZ017'] }).live).toHaveLength(0);
    expect(coversSchool(['022017'], ['122017'])).toBe(true);
    expect(coversSchool(['222017'], ['122017'])).toBe(false);
    const byCode = { ...SCHOOL, rules: [{ event: 'TOR', hazard: 'tornado' as const }] };
    expect(match(weatherFeed([TORNADO_FOR_CADDO]), byCode).live).toHaveLength(1);
    const hazmat = feedEntry({ id: 'hmw-1', event: 'Hazardous Materials Warning', sameEvent: 'HMW' });
    expect(match(weatherFeed([hazmat])).live).toEqual([]);
    const withHazmat = { ...SCHOOL, rules: [...SCHOOL.rules, { event: 'HMW', hazard: 'hazmat' as const }] };
    expect(match(weatherFeed([hazmat, TORNADO_FOR_CADDO]), withHazmat).live.map((alert) => alert.hazard).sort()).toEqual(['hazmat', 'tornado']);
  });

  it('keeps one offer per warning across its updates (VTEC), the latest', () => {
    const update = feedEntry({ id: 'upd', areaDesc: 'Caddo; Bossier', effective: '2026-04-14T15:15:00-05:00', expires: '2026-04-14T16:00:00-05:00', vtec: '/O.EXT.KSHV.TO.W.0048.000000T0000Z-260414T2100Z/' });
    const { live } = match(weatherFeed([TORNADO_FOR_CADDO, update]));
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ key: 'KSHV.TO.W.0048', area: 'Caddo; Bossier', expires: '2026-04-14T21:00:00.000Z' });
    expect(vtecOf('/O.NEW.KSHV.TO.W.0048.260414T2005Z-260414T2045Z/')).toEqual({ key: 'KSHV.TO.W.0048', action: 'NEW' });
  });
});

describe('settings', () => {
  it('takes https, http only on this machine, area codes in either system, and polls no faster than 30 s', () => {
    const parse = (changes: Partial<WeatherSettings>) => WeatherSettingsSchema.safeParse({ ...DEFAULT_WEATHER_SETTINGS, ...changes });
    expect(parse({ feedUrl: 'https://alerts.weather.gov/cap/la.php?x=0', areaCodes: ['022017', 'lac017', 'LAZ017'] })).toMatchObject({ success: true, data: { areaCodes: ['022017', 'LAC017', 'LAZ017'] } });
    expect(parse({ feedUrl: 'http://127.0.0.1:8080/feed.xml' }).success).toBe(true);
    expect(parse({ feedUrl: 'http://alerts.weather.gov/cap/la.php' }).success).toBe(false);
    expect(parse({ feedUrl: 'ftp://example.org/feed' }).success).toBe(false);
    expect(parse({ areaCodes: ['Caddo'] }).success).toBe(false);
    expect(parse({ pollSeconds: 10 }).success).toBe(false);
    expect(parse({ rules: [{ event: 'Tornado Warning', hazard: 'fire' as never }] }).success).toBe(false);
  });
});
