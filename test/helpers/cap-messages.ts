// CAP 1.2 messages for the tests and the bench, written after the specification's examples and NWS's published
// formats: a tornado warning's info block, a panic button's (an SRP event code), and the alert around them.

export interface CapMessage {
  identifier: string;
  status?: string;
  msgType?: string;
  references?: string;
  info?: string;
  namespace?: string;
  sender?: string;
}

export const CAP_SENT = '2026-11-26T14:05:00-06:00';

/** An NWS-style tornado warning's info block (CAP 1.2 order: category, event, responseType, urgency...). */
export const TORNADO_INFO = `
  <info>
    <language>en-US</language>
    <category>Met</category>
    <event>Tornado Warning</event>
    <responseType>Shelter</responseType>
    <urgency>Immediate</urgency>
    <severity>Extreme</severity>
    <certainty>Observed</certainty>
    <eventCode><valueName>SAME</valueName><value>TOR</value></eventCode>
    <eventCode><valueName>NationalWeatherService</valueName><value>TOW</value></eventCode>
    <effective>${CAP_SENT}</effective>
    <expires>2026-11-26T14:45:00-06:00</expires>
    <senderName>NWS Shreveport LA</senderName>
    <headline>Tornado Warning issued November 26 at 2:05PM CST until 2:45PM CST by NWS Shreveport LA</headline>
    <instruction>TAKE COVER NOW! Move to a basement or an interior room on the lowest floor of a sturdy building.</instruction>
    <parameter><valueName>VTEC</valueName><value>/O.NEW.KSHV.TO.W.0048.261126T2005Z-261126T2045Z/</value></parameter>
    <area>
      <areaDesc>Caddo, LA; Bossier, LA</areaDesc>
      <polygon>32.58,-93.86 32.69,-93.66 32.52,-93.55 32.45,-93.79 32.58,-93.86</polygon>
      <geocode><valueName>SAME</valueName><value>022017</value></geocode>
      <geocode><valueName>UGC</valueName><value>LAC017</value></geocode>
    </area>
  </info>`;

/** A panic button's info block: the mode as an SRP event code, and any geocodes. */
export const srpInfo = (code: string, geocodes = '') => `
  <info>
    <category>Security</category>
    <event>Panic button</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <eventCode><valueName>SRP</valueName><value>${code}</value></eventCode>
    <area><areaDesc>Maple Grove Middle School</areaDesc>${geocodes}</area>
  </info>`;

export function capAlert({ identifier, status = 'Actual', msgType = 'Alert', references, info = TORNADO_INFO, namespace = 'urn:oasis:names:tc:emergency:cap:1.2', sender = 'w-nws.webmaster@noaa.gov' }: CapMessage): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="${namespace}">
  <identifier>${identifier}</identifier>
  <sender>${sender}</sender>
  <sent>${CAP_SENT}</sent>
  <status>${status}</status>
  <msgType>${msgType}</msgType>
  <scope>Public</scope>${references ? `\n  <references>${references}</references>` : ''}${info}
</alert>`;
}
