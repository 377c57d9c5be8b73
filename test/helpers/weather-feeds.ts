// Atom index feeds of CAP alerts for the weather tests, written in the National Weather Service's published format
// (alerts.weather.gov's CAP 1.1 index; api.weather.gov's newer one declares CAP 1.2): each entry carries its alert's
// event, status, msgType, times, area and geocodes. The school in these tests is in Caddo Parish, Louisiana (SAME
// 022017, UGC LAC017).

export interface FeedEntryFields {
  id: string;
  event?: string;
  status?: string;
  msgType?: string;
  effective?: string;
  expires?: string;
  areaDesc?: string;
  /** FIPS6 (or SAME) codes and UGC codes, as NWS lists them: several in one value, separated by spaces. */
  fips6?: string;
  ugc?: string;
  /** P-VTEC, as the entry's cap:parameter carries it. */
  vtec?: string;
  /** A SAME event code in a cap:eventCode (newer feeds). */
  sameEvent?: string;
}

export const CAP11 = 'urn:oasis:names:tc:emergency:cap:1.1';
export const CAP12 = 'urn:oasis:names:tc:emergency:cap:1.2';

/** One <entry> as NWS writes it. */
export function feedEntry(fields: FeedEntryFields): string {
  const event = fields.event ?? 'Tornado Warning';
  return `<entry>
<id>https://alerts.weather.gov/cap/wwacapget.php?x=${fields.id}</id>
<updated>${fields.effective ?? '2026-04-14T15:05:00-05:00'}</updated>
<published>${fields.effective ?? '2026-04-14T15:05:00-05:00'}</published>
<author>
<name>w-nws.webmaster@noaa.gov</name>
</author>
<title>${event} issued April 14 at 3:05PM CDT until April 14 at 3:45PM CDT by NWS</title>
<link href="https://alerts.weather.gov/cap/wwacapget.php?x=${fields.id}"/>
<summary>THE NATIONAL WEATHER SERVICE IN SHREVEPORT HAS ISSUED A * ${event.toUpperCase()} FOR... CENTRAL CADDO PARISH IN NORTHWESTERN LOUISIANA...</summary>
<cap:event>${event}</cap:event>
<cap:effective>${fields.effective ?? '2026-04-14T15:05:00-05:00'}</cap:effective>
<cap:expires>${fields.expires ?? '2026-04-14T15:45:00-05:00'}</cap:expires>
<cap:status>${fields.status ?? 'Actual'}</cap:status>
<cap:msgType>${fields.msgType ?? 'Alert'}</cap:msgType>
<cap:category>Met</cap:category>
<cap:urgency>Immediate</cap:urgency>
<cap:severity>Extreme</cap:severity>
<cap:certainty>Observed</cap:certainty>
<cap:areaDesc>${fields.areaDesc ?? 'Caddo'}</cap:areaDesc>
<cap:polygon>32.55,-93.88 32.62,-93.70 32.48,-93.65 32.42,-93.85 32.55,-93.88</cap:polygon>
${fields.sameEvent ? `<cap:eventCode>\n<valueName>SAME</valueName>\n<value>${fields.sameEvent}</value>\n</cap:eventCode>\n` : ''}<cap:geocode>
<valueName>FIPS6</valueName>
<value>${fields.fips6 ?? '022017'}</value>
<valueName>UGC</valueName>
<value>${fields.ugc ?? 'LAC017'}</value>
</cap:geocode>
<cap:parameter>
<valueName>VTEC</valueName>
<value>${fields.vtec ?? ''}</value>
</cap:parameter>
</entry>`;
}

/** The feed around the entries; `cap` is the CAP namespace it declares (1.1 as alerts.weather.gov's, or 1.2). */
export function weatherFeed(entries: string[], cap = CAP11): string {
  return `<?xml version = '1.0' encoding = 'UTF-8' standalone = 'yes'?>
<?xml-stylesheet href='capatom.xsl' type='text/xsl'?>
<!--
This atom/xml feed is an index to active advisories, watches and warnings
issued by the National Weather Service.
-->
<feed
xmlns = 'http://www.w3.org/2005/Atom'
xmlns:cap = '${cap}'
xmlns:ha = 'http://www.alerting.net/namespace/index_1.0'
>
<id>https://alerts.weather.gov/cap/la.php?x=0</id>
<logo>http://alerts.weather.gov/images/xml_logo.gif</logo>
<generator>NWS CAP Server</generator>
<updated>2026-04-14T15:06:00-05:00</updated>
<author>
<name>w-nws.webmaster@noaa.gov</name>
</author>
<title>Current Watches, Warnings and Advisories for Louisiana Issued by the National Weather Service</title>
<link href="https://alerts.weather.gov/cap/la.php?x=0"/>
${entries.join('\n')}
</feed>`;
}

/** The tornado warning for the school's parish (SHV's 48th of the year), as issued. */
export const TORNADO_FOR_CADDO = feedEntry({
  id: 'LA1262F6A1B2C3.TornadoWarning.1262F6A1C4D5LA.SHVTORSHV.0048',
  event: 'Tornado Warning',
  areaDesc: 'Caddo',
  fips6: '022017',
  ugc: 'LAC017',
  vtec: '/O.NEW.KSHV.TO.W.0048.260414T2005Z-260414T2045Z/',
});

/** Another parish's tornado warning (Bossier, 022015). */
export const TORNADO_FOR_BOSSIER = feedEntry({
  id: 'LA1262F6A1B2C4.TornadoWarning.1262F6A1C4D6LA.SHVTORSHV.0049',
  event: 'Tornado Warning',
  areaDesc: 'Bossier',
  fips6: '022015',
  ugc: 'LAC015',
  vtec: '/O.NEW.KSHV.TO.W.0049.260414T2005Z-260414T2045Z/',
});

/** A severe thunderstorm warning for the school's parish: not a Shelter (unless the school maps it). */
export const THUNDERSTORM_FOR_CADDO = feedEntry({
  id: 'LA1262F6A1B2C5.SevereThunderstormWarning.1262F6A1C4D7LA.SHVSVRSHV.0120',
  event: 'Severe Thunderstorm Warning',
  areaDesc: 'Caddo; De Soto',
  fips6: '022017 022031',
  ugc: 'LAC017 LAC031',
  vtec: '/O.NEW.KSHV.SV.W.0120.260414T2000Z-260414T2100Z/',
});

/** The tornado warning cancelled early (NWS's CAN action, msgType Cancel). */
export const TORNADO_FOR_CADDO_CANCELLED = feedEntry({
  id: 'LA1262F6A1B2C6.TornadoWarning.1262F6A1C4D8LA.SHVSVSSHV.0048',
  event: 'Tornado Warning',
  msgType: 'Cancel',
  effective: '2026-04-14T15:25:00-05:00',
  areaDesc: 'Caddo',
  fips6: '022017',
  ugc: 'LAC017',
  vtec: '/O.CAN.KSHV.TO.W.0048.000000T0000Z-260414T2045Z/',
});
