import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { canonicalIp, machineNames, preferredNetworkName, type MachineFacts } from './machine-names.ts';

const address = (family: 'IPv4' | 'IPv6', value: string, internal = false) =>
  ({ address: value, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

const machine = (facts: Partial<MachineFacts> = {}): MachineFacts => ({
  hostname: 'Hub',
  interfaces: {
    lo: [address('IPv4', '127.0.0.1', true), address('IPv6', '::1', true)],
    eth0: [address('IPv4', '192.168.1.10'), address('IPv6', 'fe80::1'), address('IPv6', 'fd00:0:0:0::5')],
  },
  publicHost: null,
  extraNames: [],
  ...facts,
});

describe('machineNames', () => {
  it('covers localhost, the machine by name and mDNS name, and every address others can reach, but no link-local one', () => {
    expect(machineNames(machine())).toEqual({
      dnsNames: ['localhost', 'hub', 'hub.local'],
      ipAddresses: ['127.0.0.1', '::1', '192.168.1.10', 'fd00::5'],
    });
  });

  it('adds the public URL host and the school names; a full host name gives its short and .local names too', () => {
    const names = machineNames(machine({ hostname: 'hub.school.lan', publicHost: 'muster.school.lan', extraNames: ['Screens.School.lan', '10.0.0.5'] }));
    expect(names.dnsNames).toEqual(['localhost', 'hub.school.lan', 'hub', 'hub.local', 'muster.school.lan', 'screens.school.lan']);
    expect(names.ipAddresses).toEqual(['127.0.0.1', '::1', '192.168.1.10', 'fd00::5', '10.0.0.5']);
  });

  it('leaves out a machine name no certificate can hold rather than stopping the hub', () => {
    expect(machineNames(machine({ hostname: 'my_hub', interfaces: {} }))).toEqual({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1', '::1'] });
  });
});

describe('preferredNetworkName', () => {
  it('prefers the public URL, then the first school name, then the mDNS or DNS name, then an address', () => {
    const names = (facts: MachineFacts) => machineNames(facts);
    const withPublic = machine({ publicHost: 'muster.school.lan', extraNames: ['other.lan'] });
    expect(preferredNetworkName(withPublic, names(withPublic))).toBe('muster.school.lan');
    const withExtra = machine({ extraNames: ['other.lan'] });
    expect(preferredNetworkName(withExtra, names(withExtra))).toBe('other.lan');
    expect(preferredNetworkName(machine(), names(machine()))).toBe('hub.local');
    const fullName = machine({ hostname: 'hub.school.lan' });
    expect(preferredNetworkName(fullName, names(fullName))).toBe('hub.school.lan');
    const unusable = machine({ hostname: 'my_hub' });
    expect(preferredNetworkName(unusable, names(unusable))).toBe('192.168.1.10');
  });
});

describe('canonicalIp', () => {
  it('writes an IPv6 address one way whatever its spelling', () => {
    expect(canonicalIp('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalIp('FD00:0::5')).toBe('fd00::5');
    expect(canonicalIp('10.0.0.5')).toBe('10.0.0.5');
  });
});
