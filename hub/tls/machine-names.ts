// The names the hub's own certificate must cover: how anyone on the school network, or the hub machine itself, may
// reach it. Pure: the caller passes in what node:os says, so the rules can be tested with any machine.
import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { serverNamesFrom, type ServerNames } from './certificates.ts';

export interface MachineFacts {
  /** os.hostname() */
  hostname: string;
  /** os.networkInterfaces() */
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** The host of MUSTER_PUBLIC_URL, when set. */
  publicHost: string | null;
  /** MUSTER_TLS_NAMES */
  extraNames: string[];
}

/**
 * localhost and the loopback addresses; the machine's name, its short name and `<short name>.local` (mDNS, which
 * Raspberry Pi OS and most Linux desktops resolve); every address other machines can reach it on; the host of the
 * public URL; and the names the school added. Names a certificate cannot hold (a host name with an underscore) are
 * left out rather than stopping the hub.
 */
export function machineNames(facts: MachineFacts): ServerNames {
  const hosts = ['localhost'];
  const hostname = facts.hostname.trim().toLowerCase().replace(/\.$/, '');
  const shortName = hostname.split('.')[0] ?? '';
  if (hostname !== '' && hostname !== 'localhost') hosts.push(hostname, shortName, `${shortName}.local`);
  const ips = ['127.0.0.1', '::1'];
  for (const address of Object.values(facts.interfaces).flat()) {
    if (!address || address.internal) continue;
    // A link-local IPv6 address needs a zone (fe80::1%eth0) that URLs cannot carry: no browser could use it.
    if (address.family === 'IPv6' && /^fe[89ab]/i.test(address.address)) continue;
    ips.push(address.address);
  }
  if (facts.publicHost) hosts.push(facts.publicHost.replace(/^\[|\]$/g, ''));
  hosts.push(...facts.extraNames);
  const usable = (host: string) => serverNamesFrom([host], []).problems.length === 0;
  const { names } = serverNamesFrom(
    hosts.filter((host) => !isIP(host) && usable(host)),
    [...ips, ...hosts.filter((host) => isIP(host))].map(canonicalIp),
  );
  return names;
}

/** One spelling per address, as a URL writes it: "0:0:0:0:0:0:0:1" and "::1" are the same. */
export function canonicalIp(ip: string): string {
  return isIP(ip) === 6 ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
}

/**
 * The address to show first for the school network: the public URL's host, else the school's first name, else the
 * machine's name (a bare name as <name>.local, which mDNS resolves; a full one as it is, from the school's DNS),
 * else its first address.
 */
export function preferredNetworkName(facts: MachineFacts, names: ServerNames): string {
  if (facts.publicHost) return facts.publicHost;
  if (facts.extraNames[0]) return facts.extraNames[0];
  const hostname = facts.hostname.trim().toLowerCase().replace(/\.$/, '');
  const candidate = hostname.includes('.') ? hostname : `${hostname}.local`;
  if (hostname !== '' && hostname !== 'localhost' && names.dnsNames.includes(candidate)) return candidate;
  return names.ipAddresses.find((ip) => ip !== '127.0.0.1' && ip !== '::1') ?? 'localhost';
}
